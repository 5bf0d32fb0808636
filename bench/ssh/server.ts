// PhantomNet's SSH sensor as a benchmark target, in its own process so /proc measures only it: the standalone app
// (SQLite store, cowrie-json log) with only SSH on, the sensor alone with events validated then dropped, or a bare
// ssh2 server (the library's floor).
// Started by bench/ssh.ts over IPC; answers `stats` (after a full GC) and `stop`.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setFlagsFromString, writeHeapSnapshot } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { pathToFileURL } from 'node:url';
import { startBareSsh2 } from './bare-ssh2.js';
import type { ServerReply, ServerRequest } from './messages.js';

const mode = process.argv[2] === 'sensor' || process.argv[2] === 'bare' ? process.argv[2] : 'app';
const password = process.argv[3] ?? 'bench';
/** Compiled JavaScript to run instead of the TypeScript source: tsx keeps function names, which costs memory. */
const compiledRoot = process.argv[4] || undefined;
/** Where to write a CPU profile of the main thread, taken from start to stop. */
const profileFile = process.argv[5] || undefined;
const send = (m: ServerReply): void => void process.send?.(m);

const root = compiledRoot ? pathToFileURL(`${compiledRoot}/`).href : new URL('../../src/', import.meta.url).href;
const load = <T>(path: string): Promise<T> => import(new URL(path, root).href) as Promise<T>;
const { ConfigSchema, SENSOR_SECTIONS } = await load<typeof import('../../src/schema/config.js')>('schema/config.js');
const { Standalone } = await load<typeof import('../../src/app/standalone.js')>('app/standalone.js');
const { systemClock } = await load<typeof import('../../src/core/clock.js')>('core/clock.js');
const { createIdentity } = await load<typeof import('../../src/core/identity/store.js')>('core/identity/store.js');
const { silentLogger } = await load<typeof import('../../src/core/logger.js')>('core/logger.js');
const { Metrics } = await load<typeof import('../../src/core/metrics.js')>('core/metrics.js');
const { SessionScope } = await load<typeof import('../../src/core/session-scope.js')>('core/session-scope.js');
const { SshSensor } = await load<typeof import('../../src/sensors/ssh/ssh-sensor.js')>('sensors/ssh/ssh-sensor.js');

const dir = mkdtempSync(join(tmpdir(), 'pn-bench-ssh-'));
const off = Object.fromEntries(SENSOR_SECTIONS.filter((s) => s !== 'ssh').map((s) => [s, { enabled: false }]));
const config = ConfigSchema.parse({
  general: { data_dir: dir, log_level: 'warn' },
  ...off,
  ssh: { host: '127.0.0.1', port: 0, max_connections: 4096, max_connections_per_source: 4096 },
  // Any user name logs in with the bench password: root (in the persona's /etc/passwd) and names it lacks alike.
  auth: { users: [{ username: '*', password }] },
});

const profiler = profileFile ? new Session() : undefined;
if (profiler) {
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.start');
}
async function saveProfile(): Promise<void> {
  if (!profiler || !profileFile) return;
  const { profile } = await profiler.post('Profiler.stop');
  mkdirSync(dirname(profileFile), { recursive: true });
  writeFileSync(profileFile, JSON.stringify(profile));
}

let stop: () => Promise<void>;
let active: () => number;
let port: number;
if (mode === 'app') {
  const app = await Standalone.start(config, { logWrite: () => {} });
  port = app.port('ssh');
  active = () => -1;
  stop = () => app.stop();
} else if (mode === 'bare') {
  const bare = await startBareSsh2(password);
  port = bare.port;
  active = () => -1;
  stop = bare.stop;
} else {
  const sensor = new SshSensor(config);
  const address = await sensor.start({
    sensorName: 'bench',
    dataDir: dir,
    identity: createIdentity(),
    logger: silentLogger,
    metrics: new Metrics(),
    openSession: (info) =>
      new SessionScope(info, { sensor: 'bench', clock: systemClock, publish: () => {}, onInvalid: () => {} }),
  });
  port = address.port;
  active = () => sensor.activeSessions();
  stop = () => sensor.stop();
}

// --expose-gc on the command line would be inherited by the store's worker thread, which rejects it.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
process.on('message', (m: ServerRequest) => {
  if (m.type === 'stats') {
    // Two passes: the first may only queue finalisers whose memory the second frees.
    gc();
    gc();
    const mem = process.memoryUsage();
    send({
      type: 'stats',
      rssKiB: Math.round(mem.rss / 1024),
      heapUsedKiB: Math.round(mem.heapUsed / 1024),
      externalKiB: Math.round(mem.external / 1024),
      activeSessions: active(),
    });
  } else if (m.type === 'snapshot') {
    mkdirSync(dirname(m.file), { recursive: true });
    send({ type: 'snapshot', file: writeHeapSnapshot(m.file) });
  } else if (m.type === 'stop') {
    void saveProfile()
      .then(stop)
      .finally(() => {
        rmSync(dir, { recursive: true, force: true });
        send({ type: 'stopped' });
        process.disconnect?.();
      });
  }
});
process.on('disconnect', () => process.exit(0));
send({ type: 'ready', port });
