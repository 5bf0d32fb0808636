// Shared pieces of the Redis end-to-end tests: redis-cli runs, raw sockets and events read back from the store.
import { connect, type Socket } from 'node:net';
import { SENSOR_SECTIONS, type Config } from '../../src/schema/config.js';
import type { PhantomEvent } from '../../src/schema/events.js';
import { run, type RunResult } from '../helpers/run.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

/** A test app running only the Redis sensor (with `redis` overrides), so other sensors cannot disturb these tests. */
export function startRedisApp(redis: Partial<Config['redis']> = {}): Promise<TestApp> {
  const others = Object.fromEntries(SENSOR_SECTIONS.filter((n) => n !== 'redis').map((n) => [n, { enabled: false }]));
  return startTestApp({ ...others, redis: { ...redis, enabled: true } });
}

export function redisCli(port: number, args: string[], input?: string): Promise<RunResult> {
  return run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], input === undefined ? {} : { input });
}

/** Every event in the store, oldest first, waiting until `count` sessions have closed. */
export async function storedEvents(t: TestApp, closedSessions: number): Promise<PhantomEvent[]> {
  for (let i = 0; i < 100; i++) {
    await t.app.settle();
    const all = (await t.app.store.events({ limit: 100_000 })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    if (all.filter((e) => e.eventid === 'session.closed').length >= closedSessions) return all;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`fewer than ${closedSessions} closed sessions in the store`);
}

/** The fields a sensor chose (the envelope left out), for field-by-field comparison. */
export function own(e: PhantomEvent): Record<string, unknown> {
  const { id: _i, timestamp: _t, sensor: _s, session: _se, protocol: _p, src_ip: _si, src_port: _sp, dst_ip: _di, dst_port: _dp, ...rest } = e;
  return rest;
}

export function openSocket(port: number, localAddress?: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect({ port, host: '127.0.0.1', ...(localAddress ? { localAddress } : {}) }, () => resolve(s));
    s.on('error', reject);
  });
}

/** Write `data` and collect what arrives until the server closes or `until` matches. */
export function exchange(s: Socket, data: Buffer | string, until?: (got: Buffer) => boolean): Promise<{ data: Buffer; closed: boolean }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const finish = (closed: boolean) => {
      s.removeAllListeners('data');
      resolve({ data: Buffer.concat(chunks), closed });
    };
    s.on('data', (d: Buffer) => {
      chunks.push(d);
      if (until?.(Buffer.concat(chunks))) finish(false);
    });
    s.once('close', () => finish(true));
    s.write(data);
  });
}
