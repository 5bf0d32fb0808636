// Driving the real telnet client on a pty (util-linux `script`): type a line once the screen shows what we wait for.
import { spawn, type ChildProcess } from 'node:child_process';

export interface Terminal {
  /** Everything the client printed so far (the pty output, CRLF and all). */
  screen(): string;
  /** Resolve once the screen contains `text` after `from`; reject after `timeoutMs`. */
  waitFor(text: string | RegExp, from?: number, timeoutMs?: number): Promise<number>;
  type(text: string): void;
  closed: Promise<void>;
  kill(): void;
}

export function telnetOnPty(port: number): Terminal {
  const child: ChildProcess = spawn('script', ['-qfc', `stty cols 100 rows 30; exec telnet 127.0.0.1 ${port}`, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, TERM: 'xterm' } });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString('utf8')));
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const killTimer = setTimeout(() => child.kill('SIGKILL'), 40_000);
  void closed.then(() => clearTimeout(killTimer));
  return {
    screen: () => out,
    async waitFor(text, from = 0, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const rest = out.slice(from);
        const at = typeof text === 'string' ? rest.indexOf(text) : rest.search(text);
        if (at >= 0) return from + at;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(text)}; screen:\n${JSON.stringify(out)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    type: (text) => child.stdin!.write(text),
    closed,
    kill: () => child.kill('SIGKILL'),
  };
}
