// One SSH "session" channel: pty and window size, then either an interactive login shell or an exec request.
import type { ServerChannel, Session } from 'ssh2';
import type { SessionScope } from '../../core/session-scope.js';
import type { SshPersona } from '../../schema/persona.js';
import { PASTE_OFF, PASTE_ON } from '../shell/bracketed-paste.js';
import { LineDiscipline } from '../shell/line-discipline.js';
import { SerialQueue } from '../shell/serial-queue.js';
import type { Shell, ShellUser } from '../shell/shell.js';
import { openShell, type ShellServices } from '../shell/shell-host.js';
import { archLabel } from '../shell/arch-label.js';
import { commandLatency } from '../shell/command-latency.js';
import { ctime } from '../shell/last-login.js';
import { SessionRecording } from '../shell/recording/session-recording.js';
import { startSftp } from './sftp/transfer.js';
import { runScpIfAsked } from './scp.js';

export interface ChannelDeps {
  scope: SessionScope;
  persona: SshPersona;
  hostname: string;
  services: ShellServices;
  user: ShellUser;
  /** Called on any input so the connection's idle timer restarts. */
  onActivity: () => void;
}

/** Longest exec command we accept; OpenSSH has no hard limit below its 256 KiB packet size. */
const MAX_EXEC_BYTES = 256 * 1024;

const toCrlf = (s: string): string => s.replace(/\r?\n/g, '\r\n');


/** What the client's pty request asked for; the recording's header. */
interface PtyInfo {
  term: string;
  width: number;
  height: number;
}

export function handleSessionChannel(session: Session, deps: ChannelDeps): void {
  const { scope } = deps;
  let pty = false;
  let ptyInfo: PtyInfo = { term: 'dumb', width: 0, height: 0 };
  let recording: SessionRecording | undefined;

  session.on('pty', (accept, _reject, info) => {
    pty = true;
    ptyInfo = { term: info.term ?? 'xterm', width: info.cols, height: info.rows };
    scope.emit('client.size', { width: info.cols, height: info.rows });
    accept?.();
  });
  session.on('window-change', (accept, _reject, info) => {
    scope.emit('client.size', { width: info.cols, height: info.rows });
    recording?.resize(info.cols, info.rows);
    accept?.();
  });
  // OpenSSH on Debian accepts only LANG and LC_* (AcceptEnv); others are refused. Every request is recorded.
  session.on('env', (accept, reject, info) => {
    scope.emit('client.var', { name: String(info.key).slice(0, 256), value: String(info.val).slice(0, 1024) });
    if (/^(LANG|LC_[A-Z]+)$/.test(info.key)) accept?.();
    else reject?.();
  });
  // Debian's sshd_config names one subsystem: `Subsystem sftp /usr/lib/openssh/sftp-server`.
  session.on('subsystem', (accept, reject, info) => {
    if (info.name !== 'sftp') return reject?.();
    startSftp(accept(), deps);
  });
  session.on('x11', (_accept, reject) => reject?.());
  session.on('auth-agent', (_accept, reject) => reject?.());

  session.on('exec', (accept, _reject, info) => {
    const stream = accept();
    const input = info.command.length > MAX_EXEC_BYTES ? info.command.slice(0, MAX_EXEC_BYTES) : info.command;
    scope.emit('command.input', { input });
    // `scp -t` / `scp -f` (legacy scp, `scp -O`) speak the rcp protocol on the channel, not through the shell.
    if (runScpIfAsked(stream, input, deps)) return;
    const shell = newShell(deps, 'exec', pty);
    void shell.run(input).then(
      (result) => {
        // exec output on a pty gets the terminal's CRLF; without one, bytes go out as the program wrote them.
        if (result.output && stream.writable) stream.write(pty ? toCrlf(result.output) : result.output);
        if (result.errorOutput && stream.writable) stream.stderr.write(result.errorOutput);
        finish(stream, result.status);
      },
      (err: unknown) => shellFailed(deps, stream, err),
    );
  });

  session.on('shell', (accept) => {
    const stream = accept();
    recording = SessionRecording.open(deps.services.recording, scope, { ...ptyInfo, shell: '/bin/bash' });
    stream.once('close', () => void recording?.finish());
    runInteractive(stream, deps, pty, recording);
  });
}

function newShell(deps: ChannelDeps, mode: 'interactive' | 'exec', pty = false): Shell {
  return openShell({ services: deps.services, scope: deps.scope, user: deps.user, mode, pty });
}

/** A shell bug must not take the sensor down: record it, and end the channel as a crashed shell would. */
function shellFailed(deps: ChannelDeps, stream: ServerChannel, err: unknown): void {
  deps.scope.emit('protocol.error', { message: `shell failed: ${String(err)}`.slice(0, 512), data_hex: '' });
  finish(stream, 255);
}

function finish(stream: ServerChannel, status: number): void {
  stream.exit(status);
  stream.end();
}

function runInteractive(stream: ServerChannel, deps: ChannelDeps, pty: boolean, recording: SessionRecording | undefined): void {
  const { scope, persona } = deps;
  const shell = newShell(deps, 'interactive');
  const write = (data: string): void => {
    recording?.output(data);
    if (stream.writable) stream.write(data);
  };
  const out = (s: string): void => write(pty ? toCrlf(s) : s);
  const prompt = (): void => out(PASTE_ON + shell.prompt());
  const os = persona.os;
  scope.emit('session.params', { arch: archLabel(os.machine) });
  // Debian: pam_motd prints the motd (uname line, then /etc/motd), then sshd its PrintLastLog line (pty only).
  out(`${os.kernel_name} ${deps.hostname} ${os.kernel_release} ${os.kernel_version} ${os.machine}\n${os.motd}`);
  const last = pty ? deps.services.lastLogins?.next(deps.user.name, Date.now(), scope.srcIp) : undefined;
  if (last) out(`Last login: ${ctime(last.timeMs)} from ${last.from}\n`);
  if (pty) prompt();
  const discipline = new LineDiscipline();
  let ended = false;

  const lines = new SerialQueue((err) => {
    ended = true;
    shellFailed(deps, stream, err);
  });
  const runLine = async (line: string): Promise<void> => {
    if (pty) write(PASTE_OFF);
    if (line.trim() !== '') scope.emit('command.input', { input: line });
    const result = await shell.run(line);
    if (line.trim() !== '') await commandLatency(deps.services.commandLatencyMs ?? 0);
    if (ended) return;
    out(result.output);
    if (result.exit) {
      ended = true;
      if (pty) out('logout\n');
      finish(stream, result.status);
      return;
    }
    // A command reading the terminal (read, passwd) takes the next line: no prompt until it is done.
    if (pty && !result.awaitingInput) prompt();
  };

  // Input is handled chunk by chunk in arrival order; a chunk waits while the command before it runs.
  stream.on('data', (data: Buffer) => {
    if (ended) return;
    deps.onActivity();
    recording?.input(data);
    // Without a terminal nothing is echoed and bash reads plain lines from the pipe.
    const echo = pty ? write : () => {};
    lines.push(() =>
      discipline.feed(data.toString('utf8'), echo, async (ev) => {
        if (ended) return false;
        if (ev.kind === 'line') await runLine(ev.line);
        else if (ev.kind === 'interrupt') {
          if (pty) out(PASTE_OFF + PASTE_ON + shell.prompt());
        } else {
          ended = true;
          if (pty) out(PASTE_OFF + '\nlogout\n');
          finish(stream, shell.lastStatus);
        }
        return !ended;
      }),
    );
  });
  stream.on('end', () => {
    lines.push(async () => {
      if (ended) return;
      ended = true;
      finish(stream, shell.lastStatus);
    });
  });
}
