// HTTP sensor throughput: wrk against the full sensor (standalone app: persona framing, event validation,
// bus, SQLite store and cowrie-json log, data dir in /tmp), against the sensor alone (events validated, then
// dropped), against a bare node:http hello server, and against a bare server sending the sensor's exact bytes
// with Apache's keep-alive limit (the ceiling for any look-alike), all started in the same run.
// Run: node --import tsx bench/http.ts [--duration 5s] [--connections 64] [--threads 2] [--path /]
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { ConfigSchema } from '../src/schema/config.js';
import { Standalone } from '../src/app/standalone.js';
import { systemClock } from '../src/core/clock.js';
import { silentLogger } from '../src/core/logger.js';
import { createIdentity } from '../src/core/identity/store.js';
import { Metrics } from '../src/core/metrics.js';
import { SessionScope } from '../src/core/session-scope.js';
import { HttpSensor } from '../src/sensors/http/http-sensor.js';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '5s' },
    connections: { type: 'string', default: '64' },
    threads: { type: 'string', default: '2' },
    path: { type: 'string', default: '/' },
  },
});

interface WrkResult {
  rps: number;
  latency: string;
  requests: number;
  /** CPU time this process spent per request served: unlike req/s, it holds on a busy host. */
  cpuUsPerRequest: number;
}

/** wrk runs in its own process; we wait for it asynchronously so the servers in this process keep serving. */
async function wrk(url: string): Promise<WrkResult> {
  const { spawn } = await import('node:child_process');
  const cpu = process.cpuUsage();
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn('wrk', [`-t${args.threads}`, `-c${args.connections}`, `-d${args.duration}`, '--latency', url]);
    let text = '';
    child.stdout.on('data', (d: Buffer) => (text += d.toString()));
    child.on('error', reject);
    child.on('close', () => resolve(text));
  });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN);
  const latency = /Latency\s+(\S+)\s+(\S+)\s+(\S+)/.exec(out);
  const p99 = /\s99%\s+(\S+)/.exec(out)?.[1] ?? '?';
  const requests = Number(/(\d+) requests in/.exec(out)?.[1] ?? NaN);
  if (!Number.isFinite(rps)) throw new Error(`wrk output not understood:\n${out}`);
  const used = process.cpuUsage(cpu);
  const cpuUsPerRequest = (used.user + used.system) / requests;
  return { rps, latency: `avg ${latency?.[1] ?? '?'} (stdev ${latency?.[2] ?? '?'}), p99 ${p99}`, requests, cpuUsPerRequest };
}

/** The status line and headers exactly as sent (fetch would normalise their case). */
async function rawHead(port: number, path: string): Promise<string> {
  const { connect } = await import('node:net');
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => s.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`));
    let got = '';
    s.on('data', (d: Buffer) => {
      got += d.toString('latin1');
      const end = got.indexOf('\r\n\r\n');
      if (end >= 0) {
        s.destroy();
        resolve(got.slice(0, end));
      }
    });
    s.on('error', reject);
  });
}

if (spawnSync('sh', ['-c', 'command -v wrk']).status !== 0) {
  process.stderr.write('wrk is not installed (apt-get install wrk)\n');
  process.exit(2);
}

const bare = createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('hello\n');
});
await new Promise<void>((r) => bare.listen(0, '127.0.0.1', () => r()));
const barePort = (bare.address() as AddressInfo).port;

/**
 * The ceiling for any Apache look-alike on node:http: a bare server that answers with the sensor's own bytes
 * for the page (same headers, same body) and, like Apache's MaxKeepAliveRequests, closes after `max` requests.
 */
function framedTwin(head: [string, string][], status: number, body: Buffer, max: number): ReturnType<typeof createServer> {
  const counts = new WeakMap<object, number>();
  const text = body.toString('latin1');
  return createServer((req, res) => {
    const n = (counts.get(req.socket) ?? 0) + 1;
    counts.set(req.socket, n);
    const flat: string[] = [];
    for (const [k, v] of head) {
      if (k === 'Date') flat.push(k, new Date().toUTCString());
      else if (k === 'Keep-Alive') flat.push(k, v.replace(/max=\d+/, `max=${max - n + 1}`));
      else if (k === 'Connection') flat.push(k, n >= max ? 'close' : v);
      else flat.push(k, v);
    }
    res.sendDate = false;
    res.writeHead(status, flat);
    res.end(text, 'latin1');
  });
}

const dir = mkdtempSync(join(tmpdir(), 'pn-bench-http-'));
const off = { enabled: false };
const config = ConfigSchema.parse({
  general: { data_dir: dir, log_level: 'warn' },
  ssh: off, https: off, ftp: off, smtp: off, mysql: off, redis: off,
  http: { host: '127.0.0.1', port: 0, max_connections_per_source: 1024, max_connections: 4096 },
});
const app = await Standalone.start(config, { logWrite: () => {} });
try {
  const sensorPort = app.port('http');
  const base = await wrk(`http://127.0.0.1:${barePort}/`);
  // The sensor's exact answer for the path, to build the framed twin from.
  const sample = await fetch(`http://127.0.0.1:${sensorPort}${args.path}`);
  const head: [string, string][] = [];
  for (const line of (await rawHead(sensorPort, args.path)).split('\r\n').slice(1)) {
    const i = line.indexOf(': ');
    if (i > 0) head.push([line.slice(0, i), line.slice(i + 2)]);
  }
  // Apache's first answer on a connection says max=<MaxKeepAliveRequests>; nginx sends no Keep-Alive header.
  const max = Number(/max=(\d+)/.exec(sample.headers.get('keep-alive') ?? '')?.[1] ?? '0') || 1_000_000;
  const twin = framedTwin(head, sample.status, Buffer.from(await sample.arrayBuffer()), max);
  await new Promise<void>((r) => twin.listen(0, '127.0.0.1', () => r()));
  const framed = await wrk(`http://127.0.0.1:${(twin.address() as AddressInfo).port}/`);
  twin.close();
  const sensor = await wrk(`http://127.0.0.1:${sensorPort}${args.path}`);
  // The sensor by itself: same config, events validated against the catalogue and then dropped.
  const alone = new HttpSensor(config, false);
  const aloneAddress = await alone.start({
    sensorName: 'bench',
    dataDir: dir,
    identity: createIdentity(),
    logger: silentLogger,
    metrics: new Metrics(),
    openSession: (info) => new SessionScope(info, { sensor: 'bench', clock: systemClock, publish: () => {}, onInvalid: () => {} }),
  });
  const sensorOnly = await wrk(`http://127.0.0.1:${aloneAddress.port}${args.path}`);
  await alone.stop();
  await app.settle();
  const stored = (await app.store.events({ eventid: 'http.request', limit: 10_000_000 })).length;
  const line = (name: string, r: WrkResult): string =>
    `${name.padEnd(22)} ${r.rps.toFixed(0).padStart(8)} req/s   latency ${r.latency}   ${r.cpuUsPerRequest.toFixed(0)} CPU µs/request   (${r.requests} requests)`;
  console.log(`wrk -t${args.threads} -c${args.connections} -d${args.duration}`);
  console.log(line('bare node:http hello', base));
  console.log(line(`bare, sensor's framing`, framed));
  console.log(line(`http sensor ${args.path}`, sensor));
  console.log(line('sensor, events dropped', sensorOnly));
  const ratio = (r: WrkResult): string => `${(r.rps / base.rps).toFixed(2)} by req/s, ${(base.cpuUsPerRequest / r.cpuUsPerRequest).toFixed(2)} by CPU per request`;
  console.log(`ratio sensor/bare: ${ratio(sensor)}   (http.request events stored: ${stored})`);
  console.log(`ratio sensor alone/bare: ${ratio(sensorOnly)}`);
  console.log(`ratio bare with the sensor's framing/bare: ${ratio(framed)}   (the ceiling: same bytes, keep-alive max ${max})`);
  console.log(`ratio sensor/framed twin: ${(sensor.rps / framed.rps).toFixed(2)}, sensor alone/framed twin: ${(sensorOnly.rps / framed.rps).toFixed(2)} by req/s`);
  console.log(`load average at the end: ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')} on ${(await import('node:os')).cpus().length} CPUs`);
} finally {
  await app.stop();
  bare.close();
  rmSync(dir, { recursive: true, force: true });
}
