// One FTP control connection as vsftpd 3.0.3 runs it: greeting, login through the shared policy with
// vsftpd's delay and failure limit, then its command set and reply texts, one command at a time.
import type { Socket } from 'node:net';
import type { FtpConfig } from '../../schema/config/ftp.js';
import type { CloseReason } from '../../schema/events.js';
import type { Connection } from '../tcp-listener.js';
import { DataCommands } from './data-commands.js';
import { FakeFs } from './fake-fs.js';
import type { FtpDeps } from './ftp-deps.js';
import { LineReader, splitCommand, type LineItem } from './line-reader.js';
import { mdtmTime, parseListArg, renderListing } from './listing.js';

/** Lines waiting for their turn before we stop reading the socket (the client is pipelining hard). */
const MAX_QUEUED_LINES = 64;
const SAMPLE_BYTES = 256;
/** Commands that change the tree; refused to anonymous users (Debian: anon_upload_enable=NO etc.). */
const WRITE_COMMANDS = new Set(['STOR', 'APPE', 'STOU', 'MKD', 'XMKD', 'RMD', 'XRMD', 'DELE', 'RNFR', 'RNTO', 'SITE']);

type Handler = (arg: string) => void | Promise<void>;

export class FtpSession {
  private readonly socket: Socket;
  private readonly reader = new LineReader();
  private readonly queue: LineItem[] = [];
  private pumping = false;
  private paused = false;
  private closed = false;
  /** We ended the connection ourselves. */
  private ending = false;
  private commands = 0;

  private pendingUser: string | undefined;
  private user: string | undefined;
  private anonymous = false;
  private loginFails = 0;
  private fs: FakeFs | undefined;
  private binary = false;
  private renameFrom: string | undefined;
  private readonly transfers: DataCommands;
  private readonly sleeps = new Set<() => void>();
  private readonly handlers: Record<string, Handler>;

  constructor(
    private readonly conn: Connection,
    private readonly deps: FtpDeps,
  ) {
    this.socket = conn.socket;
    this.transfers = new DataCommands(conn, deps, (code, text) => this.reply(code, text), () => this.tree);
    this.handlers = this.postLoginHandlers();
    conn.scope.onClose(() => this.release());
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    this.socket.on('end', () => this.drainOnEnd());
    this.reply(220, deps.persona.greeting);
  }

  private get cfg(): FtpConfig {
    return this.deps.config;
  }

  // ---------- control channel ----------

  private reply(code: number, text: string): void {
    if (!this.closed && this.socket.writable) this.socket.write(`${code} ${text}\r\n`);
  }

  /** A multi-line reply: "code-first", raw lines each with a leading space, "code last". */
  private replyLines(code: number, first: string, lines: readonly string[], last: string): void {
    this.raw(`${code}-${first}\r\n` + lines.map((l) => `${l}\r\n`).join('') + `${code} ${last}\r\n`);
  }

  private raw(text: string): void {
    if (!this.closed && this.socket.writable) this.socket.write(text);
  }

  private onData(chunk: Buffer): void {
    this.conn.touch();
    for (const item of this.reader.push(chunk)) this.queue.push(item);
    if (this.queue.length >= MAX_QUEUED_LINES && !this.paused) {
      this.paused = true;
      this.socket.pause();
    }
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      // Lines that arrived before the client's FIN are still recorded; once we end the connection
      // (QUIT, a limit) nothing more is, as vsftpd has exited by then.
      for (let item = this.queue.shift(); item && !this.closed && !this.ending; item = this.queue.shift()) {
        await this.handle(item);
        if (this.socket.writableNeedDrain) await new Promise<void>((r) => this.socket.once('drain', r).once('close', r));
      }
    } finally {
      this.pumping = false;
    }
    if (this.paused && !this.closed) {
      this.paused = false;
      this.socket.resume();
    }
  }

  private async handle(item: LineItem): Promise<void> {
    const line = this.record(item);
    if (line === 'malformed') {
      if (this.user) this.reply(500, 'Unknown command.');
      else this.reply(530, 'Please login with USER and PASS.');
    } else if (line) {
      if (this.user === undefined) await this.preLogin(line.command, line.argument);
      else await this.postLogin(line.command, line.argument);
    }
  }

  /** Count and record one line; undefined when there is nothing to answer (a blank line, or the limit hit). */
  private record(item: LineItem): { command: string; argument: string } | 'malformed' | undefined {
    if (++this.commands > this.cfg.max_commands) {
      this.end('limit');
      return undefined;
    }
    if (item.kind === 'malformed') {
      this.conn.scope.emit('protocol.error', { message: item.message, data_hex: item.data.subarray(0, SAMPLE_BYTES).toString('hex') });
      return 'malformed';
    }
    const { command, argument } = splitCommand(item.text);
    // An empty line is ignored, as vsftpd does (NAT devices send them).
    if (command === '' && argument === '') return undefined;
    this.conn.scope.emit('ftp.command', { command, argument: command === 'PASS' ? '' : argument });
    return { command, argument };
  }

  /**
   * The client sent its last bytes and half-closed: the socket closes in a moment, before the queue would be
   * answered. Record what is left now, in order, including the logins it holds, up to where vsftpd would stop.
   */
  private drainOnEnd(): void {
    for (const item of this.queue.splice(0)) {
      if (this.ending || this.closed) return;
      const line = this.record(item);
      if (!line || line === 'malformed' || this.user !== undefined) continue;
      if (line.command === 'QUIT') return;
      if (line.command === 'USER') this.pendingUser = line.argument;
      else if (line.command === 'PASS' && this.pendingUser !== undefined) {
        if (!this.login(this.pendingUser, line.argument) && this.loginFails >= this.cfg.max_login_fails) return;
      }
    }
  }

  // ---------- login ----------

  private async preLogin(command: string, arg: string): Promise<void> {
    switch (command) {
      case 'USER':
        this.pendingUser = arg;
        this.reply(331, 'Please specify the password.');
        return;
      case 'PASS':
        return this.pass(arg);
      case 'QUIT':
        return this.quit();
      case 'FEAT':
        return this.feat();
      case 'OPTS':
        return this.opts(arg);
      default:
        this.reply(530, 'Please login with USER and PASS.');
    }
  }

  private async pass(password: string): Promise<void> {
    const username = this.pendingUser;
    if (username === undefined) {
      this.reply(503, 'Login with USER first.');
      return;
    }
    if (this.login(username, password)) {
      this.reply(230, 'Login successful.');
      return;
    }
    await this.sleep(this.cfg.delay_failed_login_ms);
    this.reply(530, 'Login incorrect.');
    if (this.loginFails >= this.cfg.max_login_fails) this.end('auth_limit');
  }

  /** Decide and record one login attempt; true when the user is now logged in. */
  private login(username: string, password: string): boolean {
    this.pendingUser = undefined;
    const anonymous = this.cfg.anonymous_enable && ['ANONYMOUS', 'FTP'].includes(username.toUpperCase());
    if (anonymous || this.deps.policy.accepts(username, password)) {
      this.conn.scope.emit('login.success', { username, password, method: 'ftp' });
      this.user = username;
      this.anonymous = anonymous;
      this.fs = new FakeFs(this.deps.persona);
      return true;
    }
    this.conn.scope.emit('login.failed', { username, password, method: 'ftp' });
    this.loginFails++;
    return false;
  }

  private quit(): void {
    this.reply(221, 'Goodbye.');
    this.end('client');
  }

  private end(reason: CloseReason): void {
    this.ending = true;
    this.conn.terminate(reason);
  }

  private feat(): void {
    this.replyLines(211, 'Features:', this.deps.persona.features.map((f) => ` ${f}`), 'End');
  }

  private opts(arg: string): void {
    if (arg.toUpperCase() === 'UTF8 ON') this.reply(200, 'Always in UTF8 mode.');
    else this.reply(501, 'Option not understood.');
  }

  // ---------- after login ----------

  private async postLogin(command: string, arg: string): Promise<void> {
    const handler = Object.hasOwn(this.handlers, command) ? this.handlers[command] : undefined;
    // vsftpd answers a known command that is switched off for this user "Permission denied.".
    const refused =
      (this.anonymous && WRITE_COMMANDS.has(command)) || (this.transfers.epsvAll && (command === 'PASV' || command === 'PORT'));
    if (refused) this.reply(550, 'Permission denied.');
    else if (handler) await handler(arg);
    else this.reply(500, 'Unknown command.');
  }

  private postLoginHandlers(): Record<string, Handler> {
    const cwd: Handler = (a) => {
      if (this.tree.chdir(a)) this.reply(250, 'Directory successfully changed.');
      else this.reply(550, 'Failed to change directory.');
    };
    const cdup: Handler = () => cwd('..');
    const pwd: Handler = () => this.reply(257, `"${this.tree.cwd.replaceAll('"', '""')}" is the current directory`);
    const mkd: Handler = (a) => {
      if (this.tree.mkdir(a, Date.now())) this.reply(257, `"${this.shownPath(a).replaceAll('"', '""')}" created`);
      else this.reply(550, 'Create directory operation failed.');
    };
    const rmd: Handler = (a) => {
      if (this.tree.removeDir(a)) this.reply(250, 'Remove directory operation successful.');
      else this.reply(550, 'Remove directory operation failed.');
    };
    return {
      QUIT: () => this.quit(),
      PWD: pwd,
      XPWD: pwd,
      CWD: cwd,
      XCWD: cwd,
      CDUP: cdup,
      XCUP: cdup,
      PASV: () => this.transfers.pasv(false, ''),
      EPSV: (a) => this.transfers.pasv(true, a),
      PORT: (a) => this.transfers.port(a),
      EPRT: (a) => this.transfers.eprt(a),
      RETR: (a) => this.transfers.retr(a),
      LIST: (a) => this.transfers.list(a, true),
      NLST: (a) => this.transfers.list(a, false),
      STOR: (a) => this.transfers.stor(a),
      APPE: (a) => this.transfers.stor(a),
      NOOP: () => this.reply(200, 'NOOP ok.'),
      SYST: () => this.reply(215, 'UNIX Type: L8'),
      HELP: () => this.replyLines(214, 'The following commands are recognized.', this.deps.persona.help.map((l) => ` ${l}`), 'Help OK.'),
      TYPE: (a) => this.type(a),
      MKD: mkd,
      XMKD: mkd,
      RMD: rmd,
      XRMD: rmd,
      DELE: (a) => {
        if (this.tree.deleteFile(a)) this.reply(250, 'Delete operation successful.');
        else this.reply(550, 'Delete operation failed.');
      },
      REST: (a) => {
        const n = /^\d+/.exec(a.trim());
        this.transfers.restOffset = n ? Math.min(Number(n[0]), Number.MAX_SAFE_INTEGER) : 0;
        this.reply(350, `Restart position accepted (${this.transfers.restOffset}).`);
      },
      RNFR: (a) => {
        this.renameFrom = this.tree.find(a) ? a : undefined;
        if (this.renameFrom !== undefined) this.reply(350, 'Ready for RNTO.');
        else this.reply(550, 'RNFR command failed.');
      },
      RNTO: (a) => {
        const from = this.renameFrom;
        this.renameFrom = undefined;
        if (from === undefined) this.reply(503, 'RNFR required first.');
        else if (this.tree.rename(from, a)) this.reply(250, 'Rename successful.');
        else this.reply(550, 'Rename failed.');
      },
      SIZE: (a) => {
        const node = this.tree.find(a);
        if (node?.kind === 'file') this.reply(213, String(node.size));
        else this.reply(550, 'Could not get file size.');
      },
      MDTM: (a) => {
        const node = this.tree.find(a);
        if (node?.kind === 'file') this.reply(213, mdtmTime(node.mtimeMs));
        else this.reply(550, 'Could not get file modification time.');
      },
      SITE: (a) => this.site(a),
      ABOR: () => this.reply(225, 'No transfer to ABOR.'),
      STRU: (a) => (a.toUpperCase() === 'F' ? this.reply(200, 'Structure set to F.') : this.reply(504, 'Bad STRU command.')),
      MODE: (a) => (a.toUpperCase() === 'S' ? this.reply(200, 'Mode set to S.') : this.reply(504, 'Bad MODE command.')),
      ALLO: () => this.reply(202, 'ALLO command ignored.'),
      REIN: () => this.reply(502, 'REIN not implemented.'),
      ACCT: () => this.reply(502, 'ACCT not implemented.'),
      SMNT: () => this.reply(502, 'SMNT not implemented.'),
      FEAT: () => this.feat(),
      OPTS: (a) => this.opts(a),
      STAT: (a) => this.stat(a),
      USER: (a) => {
        if (this.anonymous) this.reply(530, "Can't change from guest user.");
        else if (a === this.user) this.reply(331, 'Any password will do.');
        else this.reply(530, "Can't change to another user.");
      },
      PASS: () => this.reply(230, 'Already logged in.'),
    };
  }

  private get tree(): FakeFs {
    // Only post-login handlers use it, and login always creates it.
    return this.fs!;
  }

  /** vsftpd's MKD reply path: the argument as given, prefixed with the working directory when relative. */
  private shownPath(arg: string): string {
    if (arg.startsWith('/')) return arg;
    const cwd = this.tree.cwd;
    return cwd === '/' ? `/${arg}` : `${cwd}/${arg}`;
  }

  private type(arg: string): void {
    const a = arg.toUpperCase();
    if (a === 'I' || a === 'L8' || a === 'L 8') {
      this.binary = true;
      this.reply(200, 'Switching to Binary mode.');
    } else if (a === 'A' || a === 'A N') {
      this.binary = false;
      this.reply(200, 'Switching to ASCII mode.');
    } else this.reply(500, 'Unrecognised TYPE command.');
  }

  private site(arg: string): void {
    const sp = arg.indexOf(' ');
    const sub = (sp < 0 ? arg : arg.slice(0, sp)).toUpperCase();
    const rest = sp < 0 ? '' : arg.slice(sp + 1);
    if (sub === 'HELP') this.reply(214, 'CHMOD UMASK HELP');
    else if (sub === 'UMASK') this.reply(200, rest ? `UMASK set to ${rest.padStart(4, '0').slice(-4)}` : 'Your current UMASK is 0022');
    else if (sub === 'CHMOD') {
      const sp2 = rest.indexOf(' ');
      if (sp2 < 0) this.reply(501, 'SITE CHMOD needs 2 arguments.');
      else if (this.tree.find(rest.slice(sp2 + 1))) this.reply(200, 'SITE CHMOD command ok.');
      else this.reply(550, 'SITE CHMOD command failed.');
    } else this.reply(500, 'Unknown SITE command.');
  }

  private stat(arg: string): void {
    if (arg === '') {
      const lines = [
        `     Connected to ${this.conn.scope.srcIp}`,
        `     Logged in as ${this.anonymous ? 'ftp' : this.user ?? ''}`,
        `     TYPE: ${this.binary ? 'BINARY' : 'ASCII'}`,
        '     No session bandwidth limit',
        `     Session timeout in seconds is ${this.cfg.idle_timeout_s}`,
        '     Control connection is plain text',
        '     Data connections will be plain text',
        '     At session startup, client count was 1',
        `     ${this.deps.persona.stat_version}`,
      ];
      this.replyLines(211, 'FTP server status:', lines, 'End of status');
      return;
    }
    const listing = renderListing(this.tree, parseListArg(arg, true), Date.now());
    this.raw(`213-Status follows:\r\n${listing}213 End of status\r\n`);
  }

  // ---------- lifetime ----------

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.sleeps.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleeps.add(wake);
    });
  }

  private release(): void {
    this.closed = true;
    this.queue.length = 0;
    this.transfers.release();
    for (const wake of [...this.sleeps]) wake();
  }
}
