// One SMTP conversation as Postfix's smtpd holds it: commands, AUTH PLAIN/LOGIN, the envelope and DATA.
// Everything is recorded; nothing is ever relayed or delivered, and no connection is made anywhere.
import type { SmtpPersona, SmtpReplyName } from '../../schema/personas/smtp.js';
import type { Connection } from '../tcp-listener.js';
import type { LoginPolicy } from '../auth/login-policy.js';
import { InputBuffer } from './input-buffer.js';
import { MessageReader } from './message-reader.js';
import { MessageCapture, type CapturedMessage } from './message-capture.js';
import { checkParams, parseEnvelope } from './envelope.js';
import { saslStep, type SaslStep } from './sasl.js';
import type { QueueIds } from './queue-id.js';

export interface SmtpSettings {
  hostname: string;
  messageSizeLimit: number;
  recipientLimit: number;
  maxMessagesPerSession: number;
  captureBytes: number;
}

export interface SmtpDeps {
  persona: SmtpPersona;
  settings: SmtpSettings;
  policy: LoginPolicy;
  queueIds: QueueIds;
}

/** Postfix's smtpd_junk_command_limit: HELO/EHLO/NOOP/RSET/VRFY/ETRN beyond this count as errors. */
const JUNK_COMMAND_LIMIT = 100;
/** Stop reading while this much output waits for a client that does not read. */
const OUTPUT_HIGH_WATER = 256 * 1024;
const HEX_CAP = 256;
const NON_ASCII = /[^\x00-\x7f]/;


/** A BDAT chunk being read: its bytes go to the BDAT message unless the command was refused (`refusal`). */
interface Chunk {
  kind: 'chunk';
  remaining: number;
  size: number;
  last: boolean;
  refusal: SmtpReplyName | undefined;
}

type Mode = { kind: 'command' } | { kind: 'auth'; step: SaslStep } | { kind: 'data'; reader: MessageReader } | Chunk | { kind: 'done' };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export class SmtpSession {
  private readonly input = new InputBuffer();
  private mode: Mode = { kind: 'command' };
  private out: string[] = [];
  private sleeping: NodeJS.Timeout | undefined;
  private waitingForDrain = false;
  private errors = 0;
  private junk = 0;
  private authenticated = false;
  private mailFrom: string | undefined;
  /** MAIL FROM carried SMTPUTF8: only then may addresses be non-ASCII. */
  private smtputf8 = false;
  private rcptTo: string[] = [];
  private messages = 0;
  /** The message of a BDAT transaction, from its first chunk to LAST. */
  private bdatMessage: MessageCapture | undefined;

  constructor(
    private readonly conn: Connection,
    private readonly deps: SmtpDeps,
  ) {}

  start(): void {
    const { socket, scope } = this.conn;
    // Before the listener's own close handler ends the session: a message cut off mid-way is still recorded.
    socket.prependListener('close', () => this.recordUnfinished());
    scope.onClose(() => {
      clearTimeout(this.sleeping);
      this.mode = { kind: 'done' };
      this.input.clear();
    });
    socket.on('data', (chunk: Buffer) => {
      if (this.mode.kind === 'done') return;
      this.conn.touch();
      this.input.push(chunk);
      this.pump();
    });
    socket.on('drain', () => {
      if (!this.waitingForDrain) return;
      this.waitingForDrain = false;
      this.pump();
    });
    this.reply(`220 ${this.fill(this.deps.persona.banner)}`);
    this.flush();
  }

  /** Handle every complete unit of input, unless asleep or the client is not reading its replies. */
  private pump(): void {
    const { socket } = this.conn;
    while (this.mode.kind !== 'done' && !this.sleeping) {
      if (socket.writableLength > OUTPUT_HIGH_WATER) {
        this.waitingForDrain = true;
        break;
      }
      if (!this.step()) break;
    }
    this.flush();
    if (this.mode.kind === 'done') return;
    if (this.sleeping || this.waitingForDrain) socket.pause();
    else socket.resume();
  }

  /** Process one unit of input; false when more bytes are needed. */
  private step(): boolean {
    if (this.mode.kind === 'data') {
      const message = this.mode.reader.read(this.input);
      if (!message) return false;
      this.mode = { kind: 'command' };
      this.endOfMessage(message, 'message_too_big');
      return true;
    }
    if (this.mode.kind === 'chunk') return this.readChunk(this.mode);
    if (this.errors >= this.deps.persona.hard_error_limit) {
      this.send('too_many_errors');
      this.finish('limit');
      return false;
    }
    const line = this.input.readLine(this.deps.persona.line_length_limit);
    if (!line) return false;
    // Postfix handles the line as a C string: whatever follows a NUL is not seen.
    const nul = line.bytes.indexOf(0);
    const seen = nul < 0 ? line.bytes : line.bytes.subarray(0, nul);
    const text = this.decode(seen);
    if (line.overlong) this.protocolError('command line longer than the line length limit', line.bytes);
    else if (nul >= 0 || text === undefined || /[\x01-\x08\x0a-\x1f\x7f]/.test(text)) this.protocolError('binary data in a command line', line.bytes);
    if (this.mode.kind === 'auth') {
      this.authResponse(this.mode.step, text ?? seen.toString('latin1'), line.bytes);
    } else if (text === undefined) {
      this.send('bad_utf8');
    } else {
      this.command(text);
    }
    return true;
  }

  private decode(bytes: Buffer): string | undefined {
    try {
      return strictUtf8.decode(bytes);
    } catch {
      return undefined;
    }
  }

  private command(line: string): void {
    const trimmed = line.replace(/^[ \t]+/, '');
    if (trimmed.trim() === '') {
      this.send('bad_syntax');
      return;
    }
    const space = trimmed.search(/[ \t]/);
    const verbRaw = space < 0 ? trimmed : trimmed.slice(0, space);
    const arg = space < 0 ? '' : trimmed.slice(space).trim();
    const verb = verbRaw.toUpperCase();
    // AUTH's initial response carries the credentials: record the mechanism only.
    const recorded = verb === 'AUTH' ? (arg.split(/\s+/)[0] ?? '') : arg;
    this.conn.scope.emit('smtp.command', { command: verb, argument: recorded });
    if (this.deps.persona.forbidden_commands.includes(verb)) {
      this.send('forbidden');
      this.finish('server');
      return;
    }
    switch (verb) {
      case 'HELO':
      case 'EHLO':
        return this.junkCommand(() => this.helo(verb, arg));
      case 'AUTH':
        return this.auth(arg);
      case 'MAIL':
        return this.mail(arg);
      case 'RCPT':
        return this.rcpt(arg);
      case 'DATA':
        return this.data(arg);
      case 'BDAT':
        return this.bdat(arg);
      case 'RSET':
        return this.junkCommand(() => {
          if (arg !== '') return this.send('rset_syntax');
          this.resetTransaction();
          this.send('ok');
        });
      case 'NOOP':
        return this.junkCommand(() => this.send('ok'));
      case 'VRFY':
        return this.junkCommand(() => (arg === '' ? this.send('vrfy_syntax') : this.send('vrfy', arg)));
      case 'ETRN':
        return this.junkCommand(() => this.etrn(arg));
      case 'STARTTLS':
        return this.send('starttls_unavailable');
      case 'QUIT':
        this.send('bye');
        this.finish('client');
        return;
      default:
        this.send('not_recognized');
    }
  }

  private junkCommand(run: () => void): void {
    run();
    if (++this.junk > JUNK_COMMAND_LIMIT) this.errors++;
  }

  private helo(verb: 'HELO' | 'EHLO', arg: string): void {
    if (arg === '') return this.send(verb === 'HELO' ? 'helo_syntax' : 'ehlo_syntax');
    this.resetTransaction();
    if (verb === 'HELO') return this.send('helo');
    const lines = [this.deps.settings.hostname, ...this.deps.persona.ehlo_keywords.map((k) => this.fill(k))];
    lines.forEach((l, i) => this.reply(`250${i === lines.length - 1 ? ' ' : '-'}${l}`));
  }

  private etrn(arg: string): void {
    if (this.mailFrom !== undefined) return this.send('transaction_in_progress');
    if (arg === '' || /\s/.test(arg)) return this.send('etrn_syntax');
    this.send('etrn', arg);
  }

  private mail(arg: string): void {
    if (this.bdatMessage) return this.send('mail_after_bdat');
    if (this.mailFrom !== undefined) return this.send('nested_mail');
    const env = parseEnvelope(arg, 'FROM');
    if (!env.ok) return this.send(env.problem === 'syntax' ? 'mail_syntax' : 'bad_sender');
    const problem = checkParams(env.params, 'MAIL', this.deps.settings.messageSizeLimit);
    if (problem) return this.paramProblem(problem);
    const smtputf8 = env.params.some((p) => p.toUpperCase() === 'SMTPUTF8');
    if (!smtputf8 && NON_ASCII.test(env.address)) return this.send('smtputf8_required');
    if (this.messages >= this.deps.settings.maxMessagesPerSession) return this.send('too_much_mail');
    this.mailFrom = env.address;
    this.smtputf8 = smtputf8;
    this.send('mail_ok');
  }

  private rcpt(arg: string): void {
    if (this.mailFrom === undefined) return this.send('need_mail');
    if (this.bdatMessage) return this.send('rcpt_after_bdat');
    const env = parseEnvelope(arg, 'TO');
    if (!env.ok) return this.send(env.problem === 'syntax' ? 'rcpt_syntax' : 'bad_recipient');
    if (env.address === '') return this.send('bad_recipient');
    if (!this.smtputf8 && NON_ASCII.test(env.address)) return this.send('smtputf8_required');
    const problem = checkParams(env.params, 'RCPT', this.deps.settings.messageSizeLimit);
    if (problem) return this.paramProblem(problem);
    if (this.rcptTo.length >= this.deps.settings.recipientLimit) return this.send('too_many_recipients');
    this.rcptTo.push(env.address);
    this.send('rcpt_ok');
  }

  private paramProblem(problem: NonNullable<ReturnType<typeof checkParams>>): void {
    if (problem.kind === 'unsupported') this.send('unsupported_option', problem.param);
    else this.send(problem.kind === 'bad_size' ? 'bad_size' : 'size_exceeds');
  }

  private data(arg: string): void {
    if (this.bdatMessage) return this.send('data_after_bdat');
    if (this.rcptTo.length === 0) return this.send(this.mailFrom === undefined ? 'need_rcpt' : 'no_valid_recipients');
    if (arg !== '') return this.send('data_syntax');
    this.send('data_start');
    this.mode = { kind: 'data', reader: new MessageReader(this.deps.settings.captureBytes) };
  }

  /** BDAT count [LAST] (RFC 3030): the chunk follows at once, and is read (or skipped) whatever the answer. */
  private bdat(arg: string): void {
    const args = arg === '' ? [] : arg.split(/\s+/);
    const last = args.length === 2 && args[1]!.toUpperCase() === 'LAST';
    if (args.length < 1 || args.length > 2 || (args.length === 2 && !last) || !/^\d{1,15}$/.test(args[0]!)) return this.send('bdat_syntax');
    const size = Number(args[0]);
    let refusal: SmtpReplyName | undefined;
    if (this.rcptTo.length === 0) refusal = this.mailFrom === undefined ? 'need_rcpt' : 'no_valid_recipients';
    else if (size === 0 && !last) refusal = 'bdat_null';
    if (!refusal) this.bdatMessage ??= new MessageCapture(this.deps.settings.captureBytes);
    this.mode = { kind: 'chunk', remaining: size, size, last, refusal };
  }

  private readChunk(chunk: Chunk): boolean {
    const buf = this.input.peek();
    const n = Math.min(buf.length, chunk.remaining);
    if (!chunk.refusal) this.bdatMessage?.add(buf.subarray(0, n));
    this.input.consume(n);
    chunk.remaining -= n;
    if (chunk.remaining > 0) return false;
    this.mode = { kind: 'command' };
    const message = this.bdatMessage;
    if (chunk.refusal || !message) {
      this.send(chunk.refusal ?? 'bdat_syntax');
      return true;
    }
    if (chunk.last) this.endOfMessage(message.finish(), 'bdat_too_big');
    else this.send(message.size > this.deps.settings.messageSizeLimit ? 'bdat_too_big' : 'bdat_chunk_ok', String(chunk.size));
    return true;
  }

  private emitMessage(message: CapturedMessage, complete: boolean): void {
    this.conn.scope.emit('smtp.message', {
      mail_from: this.mailFrom ?? '',
      rcpt_to: this.rcptTo,
      size: message.size,
      data: message.captured.toString('utf8'),
      data_truncated: message.truncated,
      shasum: message.shasum,
      complete,
    });
  }

  private recordUnfinished(): void {
    if (this.mode.kind === 'data') this.emitMessage(this.mode.reader.unfinished(), false);
    else if (this.bdatMessage) this.emitMessage(this.bdatMessage.finish(), false);
    this.bdatMessage = undefined;
  }

  private endOfMessage(message: CapturedMessage, tooBig: SmtpReplyName): void {
    this.emitMessage(message, true);
    if (message.size > this.deps.settings.messageSizeLimit) {
      this.send(tooBig);
    } else {
      this.messages++;
      // Postfix forgives earlier errors once a message was received.
      this.errors = 0;
      this.send('queued', undefined, this.deps.queueIds.next());
    }
    this.resetTransaction();
  }

  private auth(arg: string): void {
    if (this.mailFrom !== undefined) return this.send('transaction_in_progress');
    if (this.authenticated) return this.send('auth_already');
    const args = arg === '' ? [] : arg.split(/\s+/);
    if (args.length < 1 || args.length > 2) return this.send('auth_syntax');
    const wanted = args[0]!.toUpperCase();
    const initial = args[1];
    const mech = this.deps.persona.auth_mechanisms.find((m) => m === wanted);
    if (!mech) return this.send('auth_unknown_mechanism');
    const step: SaslStep = { mech };
    if (initial === undefined) return this.challenge(step);
    this.authResponse(step, initial, Buffer.from(initial, 'latin1'), true);
  }

  private challenge(step: SaslStep): void {
    const { persona } = this.deps;
    const text = step.mech === 'PLAIN' ? '' : step.username === undefined ? persona.login_username_challenge : persona.login_password_challenge;
    this.reply(`334 ${text}`);
    this.mode = { kind: 'auth', step };
  }

  /** A client response to AUTH (initial or after a 334 challenge). */
  private authResponse(step: SaslStep, text: string, raw: Buffer, initial = false): void {
    this.mode = { kind: 'command' };
    const outcome = saslStep(step, text);
    switch (outcome.kind) {
      case 'aborted':
        return this.send('auth_aborted');
      case 'not_base64':
        this.protocolError(`AUTH ${step.mech}: response is not base64`, raw);
        return this.send(initial ? 'auth_bad_base64_initial' : 'auth_bad_base64_continued');
      case 'more':
        return this.challenge(outcome.step);
      case 'credentials':
        if (outcome.malformed) this.protocolError('AUTH PLAIN: response is not authzid NUL authcid NUL passwd', outcome.malformed);
        return this.login(outcome.username, outcome.password, outcome.method, outcome.authzid);
    }
  }

  private login(username: string, password: string, method: 'smtp-plain' | 'smtp-login', authzid?: string): void {
    const ok = this.deps.policy.accepts(username, password);
    const fields = { username, password, method, ...(authzid === undefined ? {} : { auth_data: authzid }) };
    if (ok) {
      this.conn.scope.emit('login.success', fields);
      this.authenticated = true;
      this.send('auth_ok');
    } else {
      this.conn.scope.emit('login.failed', fields);
      this.send('auth_failed');
    }
  }

  private resetTransaction(): void {
    this.mailFrom = undefined;
    this.smtputf8 = false;
    this.rcptTo = [];
    this.bdatMessage = undefined;
  }

  private protocolError(message: string, bytes: Buffer): void {
    this.conn.scope.emit('protocol.error', { message, data_hex: bytes.subarray(0, HEX_CAP).toString('hex') });
  }

  private fill(template: string, arg = '', queueId = ''): string {
    const { settings } = this.deps;
    // Replacer functions, so "$&" and the like in attacker text stay literal; control characters never reach a reply.
    const safeArg = arg.replace(/[\x00-\x1f\x7f]/g, '?');
    return template
      .replaceAll('{host}', () => settings.hostname)
      .replaceAll('{size}', () => String(settings.messageSizeLimit))
      .replaceAll('{mechanisms}', () => this.deps.persona.auth_mechanisms.join(' '))
      .replaceAll('{addr}', () => this.conn.scope.srcIp)
      .replaceAll('{queue_id}', () => queueId)
      .replaceAll('{arg}', () => safeArg);
  }

  /** Send a persona reply; 4xx and 5xx count as client errors, and past the soft limit every reply waits first. */
  private send(name: SmtpReplyName, arg?: string, queueId?: string): void {
    const text = this.fill(this.deps.persona.replies[name], arg, queueId);
    this.reply(text);
    if (text.startsWith('4') || text.startsWith('5')) this.errors++;
  }

  private reply(text: string): void {
    const { persona } = this.deps;
    if (this.errors >= persona.soft_error_limit && persona.error_sleep_ms > 0 && !this.sleeping && this.mode.kind !== 'done') {
      // Postfix sleeps before each reply once a client made too many errors (smtpd_error_sleep_time).
      this.flush();
      this.sleeping = setTimeout(() => {
        this.sleeping = undefined;
        this.pump();
      }, persona.error_sleep_ms);
    }
    this.out.push(text + '\r\n');
  }

  private flush(): void {
    if (this.out.length === 0) return;
    const data = this.out.join('');
    this.out = [];
    if (!this.conn.socket.destroyed) this.conn.socket.write(data);
  }

  private finish(reason: 'client' | 'server' | 'limit'): void {
    this.flush();
    this.mode = { kind: 'done' };
    this.conn.terminate(reason);
  }
}
