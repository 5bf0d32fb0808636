// The SSH benchmark's client driver, in its own process (pinned to another core) so that its CPU is never counted
// as the server's. It runs N concurrent loops of full sessions, or opens and holds idle interactive sessions.
import { createConnection } from 'node:net';
import { performance } from 'node:perf_hooks';
import ssh2 from 'ssh2';
import type { ClientChannel } from 'ssh2';
import type { ClientReply, ClientRequest, HoldResult, Target, ThroughputResult } from './messages.js';

const { Client } = ssh2;
const send = (m: ClientReply): void => void process.send?.(m);
/** A session that takes longer than this has failed (sshd at c=64 on one core can take seconds). */
const SESSION_TIMEOUT_MS = 60_000;

function connectOptions(t: Target): ssh2.ConnectConfig {
  return {
    // TCP_NODELAY, as OpenSSH's client sets it: otherwise Nagle and delayed ACKs add 40 ms stalls to the handshake.
    sock: createConnection({ host: '127.0.0.1', port: t.port, noDelay: true }),
    host: '127.0.0.1',
    port: t.port,
    username: t.username,
    password: t.password,
    readyTimeout: SESSION_TIMEOUT_MS,
    hostVerifier: () => true,
    // Password only: no agent, no keys, no keyboard-interactive round trips.
    tryKeyboard: false,
  };
}

/** One full session: connect, key exchange, password login, exec, read all output, disconnect. */
function fullSession(t: Target, command: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const c = new Client();
    let failure: Error | undefined;
    let output = '';
    const timer = setTimeout(() => {
      failure ??= new Error('session timed out');
      c.destroy();
    }, SESSION_TIMEOUT_MS);
    c.on('ready', () => {
      c.exec(command, (err, stream) => {
        if (err) {
          failure ??= err;
          c.end();
          return;
        }
        stream.on('data', (d: Buffer) => (output += d.toString('latin1')));
        stream.stderr.on('data', () => {});
        stream.on('close', () => c.end());
      });
    });
    c.on('error', (err) => (failure ??= err));
    c.on('close', () => {
      clearTimeout(timer);
      if (!failure && !output.includes('Linux')) failure = new Error(`unexpected output ${JSON.stringify(output.slice(0, 80))}`);
      if (failure) reject(failure);
      else resolve();
    });
    c.connect(connectOptions(t));
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function throughput(t: Target, concurrency: number, durationMs: number, command: string): Promise<ThroughputResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const cpu = process.cpuUsage();
  const start = performance.now();
  const deadline = start + durationMs;
  const loop = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      try {
        await fullSession(t, command);
        latencies.push(performance.now() - t0);
      } catch (e) {
        errors++;
        firstError ??= (e as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  const elapsedMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  latencies.sort((a, b) => a - b);
  return {
    type: 'throughput',
    sessions: latencies.length,
    errors,
    ...(firstError ? { firstError } : {}),
    elapsedMs,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    clientCpuMs: (used.user + used.system) / 1000,
  };
}

interface Held {
  client: InstanceType<typeof Client>;
  stream: ClientChannel;
}
const held: Held[] = [];

/** Logs in, opens a shell on a pty, runs one command and waits for the prompt after its output; then idles. */
function openHeld(t: Target, command: string): Promise<Held> {
  return new Promise((resolve, reject) => {
    const c = new Client();
    let settled = false;
    const fail = (e: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      c.destroy();
      reject(e);
    };
    const timer = setTimeout(() => fail(new Error('held session: no prompt after the command')), SESSION_TIMEOUT_MS);
    c.on('ready', () => {
      c.shell({ term: 'xterm', rows: 24, cols: 80 }, (err, stream) => {
        if (err) return fail(err);
        let text = '';
        let sent = false;
        const onData = (d: Buffer): void => {
          text += d.toString('utf8');
          if (!sent && /[$#] $/.test(text)) {
            sent = true;
            text = '';
            stream.write(`${command}\r`);
          } else if (sent && /GNU\/Linux[\s\S]*[$#] $/.test(text)) {
            settled = true;
            clearTimeout(timer);
            stream.removeListener('data', onData);
            // Keep reading so the server never blocks on a full window while the session idles.
            stream.on('data', () => {});
            resolve({ client: c, stream });
          }
        };
        stream.on('data', onData);
        stream.stderr.on('data', () => {});
      });
    });
    c.on('error', (e) => fail(e));
    c.on('close', () => fail(new Error('closed before the prompt')));
    c.connect(connectOptions(t));
  });
}

async function hold(t: Target, count: number, concurrency: number, command: string): Promise<HoldResult> {
  let failed = 0;
  let firstError: string | undefined;
  let next = 0;
  const opener = async (): Promise<void> => {
    while (next < count) {
      next++;
      try {
        held.push(await openHeld(t, command));
      } catch (e) {
        failed++;
        firstError ??= (e as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, opener));
  return { type: 'hold', held: held.length, failed, ...(firstError ? { firstError } : {}) };
}

async function release(): Promise<void> {
  const all = held.splice(0);
  await Promise.all(
    all.map(
      (h) =>
        new Promise<void>((resolve) => {
          h.client.removeAllListeners('close');
          h.client.on('close', () => resolve());
          h.client.on('error', () => {});
          h.client.end();
          setTimeout(() => {
            h.client.destroy();
            resolve();
          }, 5000).unref();
        }),
    ),
  );
}

process.on('message', (m: ClientRequest) => {
  const reply = async (): Promise<ClientReply> => {
    switch (m.type) {
      case 'throughput':
        return throughput(m.target, m.concurrency, m.durationMs, m.command);
      case 'hold':
        return hold(m.target, m.count, m.concurrency, m.command);
      case 'release':
        await release();
        return { type: 'released' };
      case 'exit':
        await release();
        setImmediate(() => process.exit(0));
        return { type: 'released' };
    }
  };
  reply().then(send, (e: unknown) => send({ type: 'error', message: String(e) }));
});
process.on('disconnect', () => process.exit(0));
