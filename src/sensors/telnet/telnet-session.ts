// One Telnet connection: option negotiation, the login(1) dialogue against the shared login policy with its
// retries, delay and timeout, then the shared emulated shell on a CRLF terminal.
import { StringDecoder } from 'node:string_decoder';
import type { TelnetPersona } from '../../schema/personas/telnet.js';
import type { Connection } from '../tcp-listener.js';
import type { LoginPolicy } from '../auth/login-policy.js';
import { openShell, type ShellServices } from '../shell/shell-host.js';
import { loginUser } from '../shell/system/identity.js';
import { PASTE_OFF, PASTE_ON } from '../shell/bracketed-paste.js';
import { lastlogTime } from '../shell/last-login.js';
import { LineDiscipline, type LineEvent } from '../shell/line-discipline.js';
import { SerialQueue } from '../shell/serial-queue.js';
import type { Shell, ShellUser } from '../shell/shell.js';
import { archLabel } from '../shell/arch-label.js';
import { commandLatency } from '../shell/command-latency.js';
import { SessionRecording } from '../shell/recording/session-recording.js';
import { pamFailDelayMs } from '../auth/pam-delay.js';
import { IacParser, type IacEvent } from './iac.js';
import { Negotiator } from './negotiator.js';
import type { Suboption } from './suboptions.js';

export interface TelnetSessionDeps {
  persona: TelnetPersona;
  policy: LoginPolicy;
  hostname: string;
  maxAuthTries: number;
  loginTimeoutS: number;
  failDelayMs: number;
  shell: ShellServices;
}

/** How long we wait for a client that never answers the opening DOs (the real in.telnetd waits for ever). */
const NEGOTIATION_WAIT_MS = 10_000;
/** protocol.error events one session may produce; garbage after that is only dropped. */
const MAX_ERRORS = 8;
/** Lines typed ahead during the failed-login pause that are kept, as a tty's input queue would. */
const MAX_TYPEAHEAD = 16;

/** IAC IP, EC, EL as the keys telnetd writes to the pty; IAC AYT gets "[Yes]". */
const NVT_KEYS = new Map<number, string>([
  [244, '\x03'],
  [247, '\x7f'],
  [248, '\x15'],
]);
const AYT = 246;

type Phase = 'negotiating' | 'user' | 'password' | 'pause' | 'shell' | 'ended';

/** The tty's ONLCR: every "\n" goes out as "\r\n" (a "\r\n" already in the text becomes "\r\r\n", as on a real tty). */
const onlcr = (s: string): string => s.replace(/\n/g, '\r\n');

export class TelnetSession {
  private phase: Phase = 'negotiating';
  private readonly parser = new IacParser();
  private readonly negotiator: Negotiator;
  private readonly decoder = new StringDecoder('utf8');
  private readonly discipline = new LineDiscipline();
  private readonly timers: NodeJS.Timeout[] = [];
  private errors = 0;
  private failures = 0;
  private username = '';
  private envUser: string | undefined;
  private typeahead: string[] = [];
  private shell: Shell | undefined;
  /** The terminal as negotiated (TTYPE, NAWS), for the recording's header. */
  private terminal = { term: 'network', width: 0, height: 0 };
  private recording: SessionRecording | undefined;
  private readonly lines = new SerialQueue((err) => {
    this.conn.scope.emit('protocol.error', { message: `shell failed: ${String(err)}`.slice(0, 512), data_hex: '' });
    this.end('client');
  });

  constructor(
    private readonly conn: Connection,
    private readonly deps: TelnetSessionDeps,
  ) {
    this.negotiator = new Negotiator(deps.persona.daemon, {
      write: (b) => this.writeRaw(b),
      ready: () => this.startLogin(),
      suboption: (s) => this.onSuboption(s),
    });
    conn.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    conn.scope.onClose(() => {
      this.phase = 'ended';
      for (const t of this.timers) clearTimeout(t);
    });
    this.timer(deps.loginTimeoutS * 1000, () => {
      if (this.phase === 'shell' || this.phase === 'ended') return;
      this.write(deps.persona.login_timeout.replace('{seconds}', String(deps.loginTimeoutS)));
      this.end('timeout');
    });
    this.timer(NEGOTIATION_WAIT_MS, () => this.negotiator.skip());
    this.negotiator.start();
  }

  private timer(ms: number, fn: () => void): void {
    this.timers.push(setTimeout(fn, ms));
  }

  private writeRaw(b: Buffer): void {
    if (this.conn.socket.writable) this.conn.socket.write(b);
  }

  /** Text to the terminal. UTF-8 never contains 0xff, so no IAC doubling is needed. */
  private write(text: string): void {
    if (!text) return;
    this.recording?.output(onlcr(text));
    if (this.conn.socket.writable) this.conn.socket.write(onlcr(text));
  }

  private end(reason: 'client' | 'timeout' | 'auth_limit'): void {
    this.phase = 'ended';
    this.conn.terminate(reason);
  }

  private onData(chunk: Buffer): void {
    if (this.phase === 'ended') return;
    this.conn.touch();
    for (const ev of this.parser.feed(chunk)) this.onIac(ev);
  }

  private onIac(ev: IacEvent): void {
    switch (ev.kind) {
      case 'negotiate':
        this.negotiator.onNegotiate(ev.verb, ev.option);
        break;
      case 'subneg':
        this.negotiator.onSubneg(ev.option, ev.data);
        break;
      case 'error':
        if (this.errors++ < MAX_ERRORS) this.conn.scope.emit('protocol.error', { message: ev.message, data_hex: ev.sample.subarray(0, 256).toString('hex') });
        break;
      case 'command':
        this.onCommand(ev.code);
        break;
      case 'data':
        // A client that types before negotiating does not speak Telnet; give it the login prompt now.
        if (!this.negotiator.done) this.negotiator.skip();
        this.onText(this.decoder.write(this.stripCrNul(ev.bytes)));
        break;
    }
  }

  /** in.telnetd turns IP, EC and EL into the tty's ^C, erase and kill characters and answers AYT; BusyBox ignores them. */
  private onCommand(code: number): void {
    if (this.deps.persona.daemon !== 'netkit') return;
    const key = NVT_KEYS.get(code);
    if (key) this.onText(key);
    else if (code === AYT) this.writeRaw(Buffer.from('\r\n[Yes]\r\n'));
  }

  /** NVT: CR is sent as CR NUL or CR LF; telnetd drops the NUL (and any other NUL) before the tty. */
  private stripCrNul(bytes: Buffer): Buffer {
    if (!bytes.includes(0)) return bytes;
    return Buffer.from(bytes.filter((b) => b !== 0));
  }

  private onSuboption(s: Suboption): void {
    const { scope } = this.conn;
    if (s.option === 'naws') {
      scope.emit('client.size', { width: s.width, height: s.height });
      this.terminal = { ...this.terminal, width: s.width, height: s.height };
      this.recording?.resize(s.width, s.height);
    } else if (s.option === 'ttype') {
      scope.emit('client.var', { name: 'TERM', value: s.value });
      // telnetd hands the type to login(1) as TERM in lower case.
      this.terminal = { ...this.terminal, term: s.value.toLowerCase() };
    } else if (s.option === 'environ') {
      for (const [name, value] of s.vars) scope.emit('client.var', { name, value });
      // in.telnetd passes USER to login(1), which then asks only for the password.
      const user = s.vars.find(([k]) => k === 'USER');
      if (user && user[1] !== '') this.envUser = user[1];
    }
  }

  private startLogin(): void {
    if (this.phase !== 'negotiating') return;
    const p = this.deps.persona;
    this.recording = SessionRecording.open(this.deps.shell.recording, this.conn.scope, { ...this.terminal, shell: p.daemon === 'busybox' ? '/bin/sh' : '/bin/bash' });
    this.write(p.issue);
    if (this.envUser !== undefined) {
      this.username = this.envUser;
      this.phase = 'password';
      this.write(p.password_prompt);
      return;
    }
    this.promptUser();
  }

  private promptUser(): void {
    this.phase = 'user';
    this.write(this.deps.persona.login_prompt.replace('{hostname}', this.deps.hostname));
  }

  private onText(text: string): void {
    if (this.phase === 'negotiating' || this.phase === 'ended') return;
    this.recording?.input(text);
    const echo = (t: string): void => {
      // No echo while the password is typed or login sleeps after a failure (echo is off then).
      // The discipline's echo is already terminal output (CRLF), so it bypasses ONLCR.
      if (this.phase !== 'user' && this.phase !== 'shell') return;
      this.recording?.output(t);
      if (this.conn.socket.writable) this.conn.socket.write(t);
    };
    this.lines.push(() => this.discipline.feed(text, echo, (ev) => this.onLine(ev)));
  }

  private onLine(ev: LineEvent): boolean | Promise<boolean> {
    switch (this.phase) {
      case 'pause':
        if (ev.kind === 'line' && this.typeahead.length < MAX_TYPEAHEAD) this.typeahead.push(ev.line);
        return true;
      case 'user':
      case 'password':
        return this.onLoginLine(ev);
      case 'shell':
        return this.onShellLine(ev);
      default:
        return false;
    }
  }

  private onLoginLine(ev: LineEvent): boolean {
    if (ev.kind === 'eof') {
      this.end('client');
      return false;
    }
    if (ev.kind === 'interrupt') {
      if (this.phase === 'user') this.promptUser();
      return true;
    }
    if (this.phase === 'user') {
      // login(1) asks again for an empty name.
      if (ev.line === '') {
        this.promptUser();
        return true;
      }
      this.username = ev.line;
      this.phase = 'password';
      this.write(this.deps.persona.password_prompt);
      return true;
    }
    // The newline login(1) prints itself after reading a password with echo off.
    this.write('\n');
    this.checkPassword(ev.line);
    return this.phase !== 'ended';
  }

  private checkPassword(password: string): void {
    const { scope } = this.conn;
    const username = this.username;
    if (this.deps.policy.accepts(username, password)) {
      scope.emit('login.success', { username, password, method: 'password' });
      this.startShell(username);
      return;
    }
    scope.emit('login.failed', { username, password, method: 'password' });
    this.failures++;
    this.phase = 'pause';
    this.typeahead = [];
    // Debian's login(1) sleeps PAM's randomised delay; BusyBox login a fixed LOGIN_FAIL_DELAY.
    const pause = this.deps.persona.daemon === 'netkit' ? pamFailDelayMs(this.deps.failDelayMs) : this.deps.failDelayMs;
    this.timer(pause, () => {
      if (this.phase !== 'pause') return;
      this.write(this.deps.persona.login_incorrect);
      if (this.failures >= this.deps.maxAuthTries) {
        this.end('auth_limit');
        return;
      }
      this.promptUser();
      for (const line of this.typeahead.splice(0)) {
        // Read through a function: each replayed line may move the phase on.
        const phase = this.currentPhase();
        if (phase !== 'user' && phase !== 'password') break;
        if (phase === 'user') this.write(line + '\n');
        this.onLoginLine({ kind: 'line', line });
      }
    });
  }

  private currentPhase(): Phase {
    return this.phase;
  }

  private startShell(username: string): void {
    const { persona, hostname } = this.deps;
    const user: ShellUser = loginUser(username, this.deps.shell.os);
    this.shell = openShell({ services: this.deps.shell, scope: this.conn.scope, user, mode: 'interactive' });
    this.phase = 'shell';
    const os = persona.os;
    this.conn.scope.emit('session.params', { arch: archLabel(os.machine) });
    // Debian's /etc/motd starts with `uname -snrvm`; BusyBox devices print only the ash banner.
    const uname = persona.daemon === 'netkit' ? `${os.kernel_name} ${hostname} ${os.kernel_release} ${os.kernel_version} ${os.machine}\n` : '';
    this.write(uname + os.motd);
    // pam_motd runs before pam_lastlog in Debian's /etc/pam.d/login, whose line names the terminal too.
    const last = this.deps.shell.lastLogins?.next(user.name, Date.now(), this.conn.scope.srcIp);
    if (last) this.write(`Last login: ${lastlogTime(last.timeMs)} from ${last.from} on pts/0\n`);
    this.prompt();
  }

  /** bash on a Debian host uses bracketed paste; BusyBox ash does not. */
  private get bash(): boolean {
    return this.deps.persona.daemon === 'netkit';
  }

  private prompt(): void {
    if (this.shell) this.write((this.bash ? PASTE_ON : '') + (this.deps.persona.prompt ?? this.shell.prompt()));
  }

  private async onShellLine(ev: LineEvent): Promise<boolean> {
    const shell = this.shell;
    if (!shell) return false;
    if (this.bash) this.write(PASTE_OFF);
    if (ev.kind === 'interrupt') {
      this.prompt();
      return true;
    }
    if (ev.kind === 'eof') {
      this.logout();
      return false;
    }
    if (ev.line.trim() !== '') this.conn.scope.emit('command.input', { input: ev.line });
    const result = await shell.run(ev.line);
    if (ev.line.trim() !== '') await commandLatency(this.deps.shell.commandLatencyMs ?? 0);
    if (this.currentPhase() !== 'shell') return false;
    this.write(result.output);
    if (result.exit) {
      this.logout();
      return false;
    }
    // A command reading the terminal (read, passwd) takes the next line: no prompt until it is done.
    if (!result.awaitingInput) this.prompt();
    return true;
  }

  private logout(): void {
    if (this.deps.persona.daemon === 'netkit') this.write('logout\n');
    this.end('client');
  }
}
