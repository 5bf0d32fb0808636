// One SSH "session" channel: pty and window size, then either an interactive login shell or an exec request.
import type { ServerChannel, Session } from 'ssh2';
import type { SessionScope } from '../../core/session-scope.js';
import type { SshPersona } from '../../schema/persona.js';
import { LineDiscipline } from '../shell/line-discipline.js';
import { SerialQueue } from '../shell/serial-queue.js';
import type { Shell, ShellUser } from '../shell/shell.js';
import { openShell, type ShellServices } from '../shell/shell-host.js';

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

export function handleSessionChannel(session: Session, deps: ChannelDeps): void {
  const { scope } = deps;
  let pty = false;

  session.on('pty', (accept, _reject, info) => {
    pty = true;
    scope.emit('client.size', { width: info.cols, height: info.rows });
    accept?.();
  });
  session.on('window-change', (accept, _reject, info) => {
    scope.emit('client.size', { width: info.cols, height: info.rows });
    accept?.();
  });
  // OpenSSH on Debian accepts only LANG and LC_* (AcceptEnv); others are refused.
  session.on('env', (accept, reject, info) => {
    if (/^(LANG|LC_[A-Z]+)$/.test(info.key)) accept?.();
    else reject?.();
  });
  session.on('subsystem', (_accept, reject) => reject?.());
  session.on('x11', (_accept, reject) => reject?.());
  session.on('auth-agent', (_accept, reject) => reject?.());

  session.on('exec', (accept, _reject, info) => {
    const stream = accept();
    const input = info.command.length > MAX_EXEC_BYTES ? info.command.slice(0, MAX_EXEC_BYTES) : info.command;
    scope.emit('command.input', { input });
    const shell = newShell(deps, 'exec');
    void shell.run(input).then(
      (result) => {
        // exec output on a pty gets the terminal's CRLF; without one, bytes go out as the program wrote them.
        if (result.output && stream.writable) stream.write(pty ? toCrlf(result.output) : result.output);
        finish(stream, result.status);
      },
      (err: unknown) => shellFailed(deps, stream, err),
    );
  });

  session.on('shell', (accept) => {
    const stream = accept();
    runInteractive(stream, deps, pty);
  });
}

function newShell(deps: ChannelDeps, mode: 'interactive' | 'exec'): Shell {
  return openShell({ services: deps.services, scope: deps.scope, user: deps.user, mode });
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

function runInteractive(stream: ServerChannel, deps: ChannelDeps, pty: boolean): void {
  const { scope, persona } = deps;
  const shell = newShell(deps, 'interactive');
  const out = (s: string): void => {
    if (stream.writable) stream.write(pty ? toCrlf(s) : s);
  };
  const os = persona.os;
  out(`${os.kernel_name} ${deps.hostname} ${os.kernel_release} ${os.kernel_version} ${os.machine}\n${os.motd}`);
  if (pty) out(shell.prompt());
  const discipline = new LineDiscipline();
  let ended = false;

  const lines = new SerialQueue((err) => {
    ended = true;
    shellFailed(deps, stream, err);
  });
  const runLine = async (line: string): Promise<void> => {
    if (line.trim() !== '') scope.emit('command.input', { input: line });
    const result = await shell.run(line);
    if (ended) return;
    out(result.output);
    if (result.exit) {
      ended = true;
      if (pty) out('logout\n');
      finish(stream, result.status);
      return;
    }
    if (pty) out(shell.prompt());
  };

  // Input is handled chunk by chunk in arrival order; a chunk waits while the command before it runs.
  stream.on('data', (data: Buffer) => {
    if (ended) return;
    deps.onActivity();
    // Without a terminal nothing is echoed and bash reads plain lines from the pipe.
    const echo = pty ? (text: string) => void (stream.writable && stream.write(text)) : () => {};
    lines.push(() =>
      discipline.feed(data.toString('utf8'), echo, async (ev) => {
        if (ended) return false;
        if (ev.kind === 'line') await runLine(ev.line);
        else if (ev.kind === 'interrupt') {
          if (pty) out(shell.prompt());
        } else {
          ended = true;
          if (pty) out('logout\n');
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
