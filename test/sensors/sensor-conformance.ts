// The conformance suite every sensor passes, over real sockets: session.connect first and session.closed
// last, connection caps, idle timeout, malformed input recorded as an event, clean shutdown, no crash on garbage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import type { PhantomEvent } from '../../src/schema/events.js';
import type { SensorName } from '../../src/sensors/registry.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

export interface ConformanceOptions {
  /** Bytes this protocol cannot parse; the sensor must record them as `malformedEvent`. */
  malformed: Buffer;
  malformedEvent?: PhantomEvent['eventid'];
}

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => resolve(s));
    s.on('error', reject);
  });
}

function closed(s: Socket): Promise<void> {
  return new Promise((resolve) => {
    if (s.destroyed) resolve();
    s.on('close', () => resolve());
    s.resume();
  });
}

async function sessions(t: TestApp, count: number, timeoutMs = 10_000): Promise<PhantomEvent[][]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await t.app.settle();
    const all = await t.app.store.events({ limit: 100_000 });
    const by = new Map<string, PhantomEvent[]>();
    for (const e of all) by.set(e.session, [...(by.get(e.session) ?? []), e]);
    const done = [...by.values()].filter((ev) => ev.at(-1)?.eventid === 'session.closed');
    if (done.length >= count || Date.now() > deadline) return done;
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function runSensorConformance(name: SensorName, opts: ConformanceOptions): void {
  const malformedEvent = opts.malformedEvent ?? 'protocol.error';

  test(`${name}: every connection opens with session.connect and ends with one session.closed`, async () => {
    const t = await startTestApp({ [name]: { enabled: true } });
    try {
      const port = t.app.port(name);
      for (let i = 0; i < 3; i++) {
        const s = await open(port);
        s.destroy();
        await closed(s);
      }
      const done = await sessions(t, 3);
      assert.equal(done.length, 3);
      for (const ev of done) {
        assert.equal(ev[0]?.eventid, 'session.connect');
        assert.equal(ev.filter((e) => e.eventid === 'session.closed').length, 1);
        assert.ok(ev.every((e) => e.session === ev[0]!.session && e.protocol === ev[0]!.protocol));
        const c = ev.at(-1);
        assert.ok(c?.eventid === 'session.closed' && Number.isInteger(c.duration_ms));
      }
    } finally {
      await t.cleanup();
    }
  });

  test(`${name}: connections over the per-source and total caps are recorded and refused`, async () => {
    for (const cap of ['max_connections_per_source', 'max_connections'] as const) {
      const t = await startTestApp({ [name]: { enabled: true, [cap]: 1 } });
      try {
        const port = t.app.port(name);
        const first = await open(port);
        const second = await open(port).catch(() => undefined);
        if (second) await closed(second);
        const done = await sessions(t, 1);
        assert.equal(done.length, 1, cap);
        const c = done[0]!.at(-1);
        assert.ok(c?.eventid === 'session.closed');
        assert.equal(c.reason, 'limit', cap);
        first.destroy();
      } finally {
        await t.cleanup();
      }
    }
  });

  test(`${name}: a silent connection is closed at the idle timeout`, async () => {
    const t = await startTestApp({ [name]: { enabled: true, idle_timeout_s: 1 } });
    try {
      const s = await open(t.app.port(name));
      await closed(s);
      const done = await sessions(t, 1);
      const c = done[0]?.at(-1);
      assert.ok(c?.eventid === 'session.closed');
      assert.equal(c.reason, 'idle');
    } finally {
      await t.cleanup();
    }
  });

  test(`${name}: malformed input becomes ${malformedEvent}; the sensor keeps accepting`, async () => {
    const t = await startTestApp({ [name]: { enabled: true, idle_timeout_s: 2 } });
    try {
      const port = t.app.port(name);
      const s = await open(port);
      s.write(opts.malformed);
      await closed(s);
      const done = await sessions(t, 1);
      assert.ok(done[0]?.some((e) => e.eventid === malformedEvent), JSON.stringify(done[0]?.map((e) => e.eventid)));
      const again = await open(port);
      again.destroy();
      assert.equal((await sessions(t, 2)).length, 2);
    } finally {
      await t.cleanup();
    }
  });

  test(`${name}: random bytes never crash it and every session still closes`, async () => {
    const t = await startTestApp({ [name]: { enabled: true, idle_timeout_s: 1 } });
    try {
      const port = t.app.port(name);
      const n = 20;
      await Promise.all(
        Array.from({ length: n }, async (_, i) => {
          const s = await open(port);
          s.write(randomBytes(1 + ((i * 997) % 8192)));
          if (i % 2 === 0) s.end();
          await closed(s);
        }),
      );
      const done = await sessions(t, n);
      assert.equal(done.length, n);
    } finally {
      await t.cleanup();
    }
  });

  test(`${name}: shutdown gives a live session session.closed with reason shutdown`, async () => {
    const t = await startTestApp({ [name]: { enabled: true } });
    const s = await open(t.app.port(name));
    s.on('error', () => {});
    // Wait until the sensor has the session (a loaded machine may take a while to accept).
    for (let i = 0; i < 200; i++) {
      await t.app.settle();
      if ((await t.app.store.events({ eventid: 'session.connect', limit: 1 })).length > 0) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    await t.app.stop();
    // Read what was committed before the stop by opening the same data directory again.
    const again = await startTestApp({ ssh: { enabled: false } }, t.dir);
    try {
      const all = await again.app.store.events({ limit: 100 });
      const c = all.find((e) => e.eventid === 'session.closed');
      assert.ok(c?.eventid === 'session.closed');
      assert.equal(c.reason, 'shutdown');
    } finally {
      await again.cleanup();
      await t.cleanup().catch(() => {});
    }
  });
}
