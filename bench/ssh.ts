// SSH benchmark: PhantomNet's SSH sensor against OpenSSH's sshd in one run. Full sessions per second (connect, key
// exchange, password login, exec `uname -a`, disconnect) at several concurrencies with p50/p99 latency and server CPU
// per session, then memory per held idle authenticated session (shell on a pty, one command run) for root and for a
// user name absent from /etc/passwd. Server pinned to one core, client driver (ssh2, its own process) to the other.
// PhantomNet is measured compiled (src/ is built into .tmp/ first), as `phantomnet start` runs it.
// Run: npm run bench:ssh -- [--duration 5] [--concurrency 1,16,64] [--sessions 200,1000] [--mode app|sensor|bare]
//        [--source] [--no-sshd] [--only throughput|memory] [--prof <dir>] [--heap-snapshot <dir>]
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ClientReply, ClientRequest, HoldResult, ServerReply, ServerRequest, ServerStats, Target, ThroughputResult } from './ssh/messages.js';
import { cpuMs, loadAverage, mainThreadCpuMs, sysMs, treeCpuMs, treeMemKiB } from './ssh/proc.js';
import { sshdUnavailable, startSshd } from './ssh/sshd.js';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '1,16,64' },
    sessions: { type: 'string', default: '200,1000' },
    mode: { type: 'string', default: 'app' },
    'no-sshd': { type: 'boolean', default: false },
    only: { type: 'string' },
    prof: { type: 'string' },
    // A heap snapshot of the server holding the most sessions, per user, into this directory.
    'heap-snapshot': { type: 'string' },
    // Run the TypeScript source under tsx instead of compiling it first (tsx keeps function names: more memory).
    source: { type: 'boolean', default: false },
    'server-core': { type: 'string', default: '0' },
    'client-core': { type: 'string', default: '1' },
  },
});
const durationMs = Number(args.duration) * 1000;
const levels = args.concurrency.split(',').map(Number);
const holdSteps = args.sessions.split(',').map(Number).sort((a, b) => a - b);
const serverCore = Number(args['server-core']);
const clientCore = Number(args['client-core']);
const doThroughput = args.only !== 'memory';
const doMemory = args.only !== 'throughput';
const COMMAND = 'uname -a';
const PASSWORD = 'Bench-' + randomBytes(6).toString('hex');
/** Held sessions are opened this many at a time (sshd's per-login CPU makes more pointless). */
const OPEN_CONCURRENCY = 16;
const AIM_RATE = 500;
const AIM_KIB = 64;
const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
let compiledRoot: string | undefined;

/** Compiles src/ into .tmp/ inside the repository (so node_modules resolves), as `npm run build` would. */
function compile(): string {
  const repo = here('../');
  const out = join(repo, '.tmp', 'bench-ssh-dist');
  rmSync(out, { recursive: true, force: true });
  const started = Date.now();
  // Type errors elsewhere in a tree under edit do not stop tsc from emitting; a missing entry point does.
  spawnSync(process.execPath, [join(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(repo, 'tsconfig.build.json'), '--outDir', out, '--sourceMap', 'false'], { stdio: 'ignore' });
  cpSync(join(repo, 'src', 'personas'), join(out, 'personas'), { recursive: true, filter: (src) => !src.endsWith('.ts') });
  if (!existsSync(join(out, 'app', 'standalone.js'))) throw new Error('tsc produced no app/standalone.js');
  console.log(`compiled src/ into ${out} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return out;
}

function pin(pid: number, core: number): void {
  // -a: every thread (libuv's pool, V8's helpers) goes to the same core.
  const r = spawnSync('taskset', ['-a', '-p', '-c', String(core), String(pid)], { encoding: 'utf8' });
  if (r.status !== 0) process.stderr.write(`taskset failed (${r.stderr.trim()}); running unpinned\n`);
}

/** A forked child that answers each request with exactly one message. */
class Rpc<Req, Rep> {
  private waiting: ((m: Rep) => void)[] = [];
  constructor(readonly child: ChildProcess) {
    child.on('message', (m: Rep) => this.waiting.shift()?.(m));
  }
  next(): Promise<Rep> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }
  ask(req: Req): Promise<Rep> {
    const reply = this.next();
    this.child.send(req as object);
    return reply;
  }
}

async function startClient(): Promise<Rpc<ClientRequest, ClientReply>> {
  const child = fork(here('./ssh/client.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  pin(child.pid!, clientCore);
  return new Rpc(child);
}

async function clientAsk<T extends ClientReply['type']>(client: Rpc<ClientRequest, ClientReply>, req: ClientRequest, type: T): Promise<Extract<ClientReply, { type: T }>> {
  const r = await client.ask(req);
  if (r.type !== type) throw new Error(`client driver: ${r.type === 'error' ? r.message : `unexpected ${r.type}`}`);
  return r as Extract<ClientReply, { type: T }>;
}

interface PnServer {
  pid: number;
  port: number;
  stats(): Promise<ServerStats>;
  snapshot(file: string): Promise<void>;
  stop(): Promise<void>;
}

async function startPhantom(profTag?: string): Promise<PnServer> {
  // The server profiles its main thread itself: --cpu-prof would reach the store's worker thread, which rejects it.
  const prof = args.prof && profTag ? join(resolve(args.prof), `ssh-${profTag}.cpuprofile`) : '';
  const child = fork(here('./ssh/server.ts'), [args.mode, PASSWORD, compiledRoot ?? '', prof], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const rpc = new Rpc<ServerRequest, ServerReply>(child);
  const ready = await rpc.next();
  if (ready.type !== 'ready') throw new Error('server did not start');
  pin(child.pid!, serverCore);
  return {
    pid: child.pid!,
    port: ready.port,
    stats: async () => (await rpc.ask({ type: 'stats' })) as ServerStats,
    snapshot: async (file) => void (await rpc.ask({ type: 'snapshot', file })),
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      await rpc.ask({ type: 'stop' });
      await exited;
    },
  };
}

interface Level {
  concurrency: number;
  rate: number;
  p50: number;
  p99: number;
  cpuMsPerSession: number;
  r: ThroughputResult;
}

interface HoldPoint {
  sessions: number;
  /** RSS growth per held session (the whole process tree for sshd: PSS, so shared pages are shared out). */
  kib: number;
  /** JS heap growth per held session after a full GC (PhantomNet only). */
  heapKib?: number;
}

interface HoldRun {
  user: string;
  points: HoldPoint[];
  note?: string;
}

interface CpuProbe {
  all: () => number;
  sys: () => number;
  /** The main thread alone, where there is one (PhantomNet: JavaScript; the rest is the store's thread and pools). */
  main?: () => number;
}

async function throughputLevels(client: Rpc<ClientRequest, ClientReply>, target: Target, cpu: CpuProbe, settle: () => Promise<void>): Promise<Level[]> {
  const out: Level[] = [];
  for (const c of levels) {
    const before = cpu.all();
    const sysBefore = cpu.sys();
    const mainBefore = cpu.main?.() ?? 0;
    const r = await clientAsk(client, { type: 'throughput', target, concurrency: c, durationMs, command: COMMAND }, 'throughput');
    await settle();
    const used = cpu.all() - before;
    const sys = cpu.sys() - sysBefore;
    const main = (cpu.main?.() ?? 0) - mainBefore;
    const level: Level = { concurrency: c, rate: (r.sessions / r.elapsedMs) * 1000, p50: r.p50Ms, p99: r.p99Ms, cpuMsPerSession: used / Math.max(1, r.sessions), r };
    out.push(level);
    // Neither side near 100% busy means the machine's other load, not the server, set the pace.
    const clientBusy = (r.clientCpuMs / r.elapsedMs) * 100;
    const serverBusy = (used / r.elapsedMs) * 100;
    console.log(
      `  c=${String(c).padEnd(3)} ${f(level.rate).padStart(7)} sessions/s  p50 ${f(level.p50)} ms  p99 ${f(level.p99)} ms  ` +
        `${f(level.cpuMsPerSession, 2)} CPU ms/session (${f(sys / Math.max(1, r.sessions), 2)} in the kernel` +
        `${cpu.main ? `, ${f(main / Math.max(1, r.sessions), 2)} on the main thread` : ''})  ` +
        `(${r.sessions} sessions, ${r.errors} errors${r.firstError ? `: ${r.firstError}` : ''}; server core ${serverBusy.toFixed(0)}% busy, client core ${clientBusy.toFixed(0)}%)`,
    );
  }
  return out;
}

async function holdSessions(
  client: Rpc<ClientRequest, ClientReply>,
  target: Target,
  measure: () => Promise<{ kib: number; heapKib?: number }>,
  snapshot?: (tag: string) => Promise<void>,
): Promise<HoldPoint[]> {
  const base = await measure();
  await snapshot?.('base');
  const points: HoldPoint[] = [];
  let have = 0;
  for (const n of holdSteps) {
    const h: HoldResult = await clientAsk(client, { type: 'hold', target, count: n - have, concurrency: OPEN_CONCURRENCY, command: COMMAND }, 'hold');
    have = h.held;
    if (h.failed > 0) console.log(`    ${h.failed} sessions failed to open: ${h.firstError}`);
    // Let the last logins' transient buffers go before measuring.
    await new Promise((r) => setTimeout(r, 500));
    const m = await measure();
    const rss = (m.kib - base.kib) / Math.max(1, have);
    const p: HoldPoint = { sessions: have, kib: rss };
    if (m.heapKib !== undefined && base.heapKib !== undefined) {
      p.heapKib = (m.heapKib - base.heapKib) / Math.max(1, have);
      // V8 may hand warm-up pages back while sessions are opened, so RSS can even shrink: count the larger growth.
      p.kib = Math.max(rss, p.heapKib);
    }
    points.push(p);
    console.log(
      `    ${String(have).padStart(5)} held: ${p.kib.toFixed(1)} KiB/session` +
        (p.heapKib !== undefined ? ` (RSS ${rss.toFixed(1)} KiB, JS heap and buffers ${p.heapKib.toFixed(1)} KiB: the larger counts)` : ''),
    );
  }
  await snapshot?.(`held${have}`);
  await clientAsk(client, { type: 'release' }, 'released');
  return points;
}

function absentUser(): string {
  // Looks like a name a bot tries, and is in neither the persona's /etc/passwd nor this machine's.
  return `deploy${randomBytes(3).toString('hex')}`;
}

const f = (n: number | null | undefined, d = 1): string => (typeof n !== 'number' || !Number.isFinite(n) ? 'n/a' : n.toFixed(d));

async function main(): Promise<void> {
  console.log(`SSH benchmark — server on core ${serverCore}, client driver on core ${clientCore}; ${args.duration} s per concurrency level; load average ${loadAverage()}`);
  // Measured as `phantomnet start` runs it: compiled JavaScript.
  if (!args.source) {
    try {
      compiledRoot = compile();
    } catch (e) {
      console.log(`could not compile (${(e as Error).message}); measuring the source under tsx`);
    }
  }
  const client = await startClient();
  const results: { name: string; levels: Level[]; holds: HoldRun[] }[] = [];
  try {
    // PhantomNet.
    const modes: Record<string, string> = {
      app: 'standalone app: SQLite store and cowrie-json log',
      sensor: 'sensor alone, events validated then dropped',
      bare: 'NOT the sensor: a bare ssh2 server with the same algorithms, the floor under it',
    };
    console.log(`PhantomNet SSH sensor (${modes[args.mode] ?? modes.app}; ${compiledRoot ? 'compiled JavaScript' : 'TypeScript source under tsx'})`);
    const pn = { name: 'PhantomNet', levels: [] as Level[], holds: [] as HoldRun[] };
    results.push(pn);
    if (doThroughput) {
      const server = await startPhantom('throughput');
      const target = { port: server.port, username: 'root', password: PASSWORD };
      try {
        await clientAsk(client, { type: 'throughput', target, concurrency: 16, durationMs: 1000, command: COMMAND }, 'throughput');
        pn.levels = await throughputLevels(client, target, { all: () => cpuMs(server.pid), sys: () => sysMs(server.pid), main: () => mainThreadCpuMs(server.pid) }, async () => {});
      } finally {
        await server.stop();
      }
    }
    if (doMemory) {
      for (const username of ['root', absentUser()]) {
        console.log(`  held sessions as ${username}${username === 'root' ? ' (in /etc/passwd)' : ' (not in /etc/passwd)'}`);
        // A fresh process per user, so memory freed by the previous run cannot hide this one's cost.
        const server = await startPhantom(`hold-${username === 'root' ? 'root' : 'absent'}`);
        const target = { port: server.port, username, password: PASSWORD };
        try {
          await clientAsk(client, { type: 'throughput', target, concurrency: 8, durationMs: 1000, command: COMMAND }, 'throughput');
          const snapshotDir = args['heap-snapshot'];
          const points = await holdSessions(
            client,
            target,
            async () => {
              const s = await server.stats();
              return { kib: s.rssKiB, heapKib: s.heapUsedKiB + s.externalKiB };
            },
            snapshotDir ? (tag) => server.snapshot(join(resolve(snapshotDir), `ssh-${username === 'root' ? 'root' : 'absent'}-${tag}.heapsnapshot`)) : undefined,
          );
          pn.holds.push({ user: username, points });
        } finally {
          await server.stop();
        }
      }
    }

    // OpenSSH.
    const why = args['no-sshd'] ? 'skipped (--no-sshd)' : sshdUnavailable();
    if (why) console.log(`OpenSSH sshd: ${why}`);
    else {
      const sshd = await startSshd(serverCore);
      console.log(`OpenSSH sshd (${sshd.version}, UsePAM no, password login of a throwaway user)`);
      const sd = { name: 'OpenSSH sshd', levels: [] as Level[], holds: [] as HoldRun[] };
      results.push(sd);
      const target = { port: sshd.port, username: sshd.username, password: sshd.password };
      // Reaped children's CPU reaches the listener's cutime only once their parents waited for them.
      const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 300));
      try {
        if (doThroughput) sd.levels = await throughputLevels(client, target, { all: () => treeCpuMs(sshd.pid), sys: () => treeCpuMs(sshd.pid, 'sys') }, settle);
        if (doMemory) {
          console.log(`  held sessions as ${sshd.username} (a real user; PSS of every sshd and bash process)`);
          const points = await holdSessions(client, target, async () => ({ kib: treeMemKiB(sshd.pid).pss }));
          sd.holds.push({ user: sshd.username, points });
          sd.holds.push({ user: 'absent', points: [], note: 'sshd logs in no user missing from /etc/passwd' });
        }
      } finally {
        await sshd.stop();
      }
    }
  } finally {
    await clientAsk(client, { type: 'exit' }, 'released').catch(() => {});
    client.child.kill();
  }
  report(results);
}

function report(results: { name: string; levels: Level[]; holds: HoldRun[] }[]): void {
  console.log('');
  const header = ['server', ...levels.map((c) => `c=${c} s/s`), ...levels.map((c) => `c=${c} p50/p99 ms`), 'CPU ms/session', ...holdSteps.flatMap((n) => [`KiB/held root@${n}`, `KiB/held absent@${n}`])];
  const rows = results.map((s) => {
    const byC = (c: number): Level | undefined => s.levels.find((l) => l.concurrency === c);
    const cpuAt = byC(16) ?? s.levels[0];
    const kib = (user: 'root' | 'absent', n: number): string => {
      const run = user === 'root' ? s.holds[0] : s.holds[1];
      if (run?.note) return 'n/a';
      return f(run?.points[holdSteps.indexOf(n)]?.kib);
    };
    return [
      s.name,
      ...levels.map((c) => f(byC(c)?.rate)),
      ...levels.map((c) => `${f(byC(c)?.p50)}/${f(byC(c)?.p99)}`),
      f(cpuAt?.cpuMsPerSession, 2),
      ...holdSteps.flatMap((n) => [kib('root', n), kib('absent', n)]),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  for (const r of rows) console.log(line(r));
  console.log('(CPU ms/session at c=16; KiB/held: growth per session after a full GC for PhantomNet, the larger of RSS and JS heap+buffers; PSS growth of the process tree for sshd, whose root column is its throwaway user)');

  const pn = results[0]!;
  const sd = results.find((r) => r.name === 'OpenSSH sshd');
  if (sd) {
    console.log('');
    console.log('ratios PhantomNet : sshd');
    for (const c of levels) {
      const a = pn.levels.find((l) => l.concurrency === c);
      const b = sd.levels.find((l) => l.concurrency === c);
      if (a && b) console.log(`  c=${c}: ${f(a.rate / b.rate)}x the sessions/s, p50 ${f(b.p50 / a.p50)}x shorter`);
    }
    const a16 = pn.levels.find((l) => l.concurrency === 16);
    const b16 = sd.levels.find((l) => l.concurrency === 16);
    if (a16 && b16) console.log(`  CPU per session: ${f(b16.cpuMsPerSession / a16.cpuMsPerSession)}x less`);
    const last = (s: typeof pn, i: number): number | undefined => s.holds[i]?.points.at(-1)?.kib;
    const sdKib = last(sd, 0);
    if (sdKib !== undefined) {
      for (const [i, who] of [[0, 'root'], [1, 'absent user']] as const) {
        const k = last(pn, i);
        if (k !== undefined) console.log(`  memory per held session (${who}, ${pn.holds[i]?.points.at(-1)?.sessions} held): ${f(sdKib / k)}x less`);
      }
    }
  }
  console.log('');
  const at16 = pn.levels.find((l) => l.concurrency === 16);
  if (at16) {
    // On a shared host the server's core is often not saturated; its CPU per session still says what one core can do.
    const busy = (at16.cpuMsPerSession * at16.r.sessions) / at16.r.elapsedMs;
    const capacity = 1000 / at16.cpuMsPerSession;
    console.log(
      `aim ≥ ${AIM_RATE} sessions/s at c=16 on one core: ${at16.rate >= AIM_RATE ? 'met' : 'NOT met'} (${f(at16.rate)} measured, server core ${(busy * 100).toFixed(0)}% busy; ` +
        `${f(capacity, 0)} sessions/s if one core were all its own at ${f(at16.cpuMsPerSession, 2)} CPU ms/session)`,
    );
  }
  const worst = Math.max(...pn.holds.flatMap((h) => h.points.filter((p) => p.sessions === Math.max(...h.points.map((q) => q.sessions))).map((p) => p.kib)));
  if (pn.holds.length > 0) console.log(`aim ≤ ${AIM_KIB} KiB per held session whatever the user name (at ${holdSteps.at(-1)} held): ${worst <= AIM_KIB ? 'met' : 'NOT met'} (worst ${f(worst)} KiB)`);
  console.log(`load average at the end: ${loadAverage()}`);
}

await main();
// The server and client children are gone; leave no timers behind.
process.exit(0);
