// Reading one connection's events from the store once its session.closed is committed.
import type { PhantomEvent } from '../../src/schema/events.js';
import type { TestApp } from '../helpers/test-app.js';

/** Every session whose session.closed is committed, keyed by session id, in commit order. */
export async function closedSessions(t: TestApp): Promise<PhantomEvent[][]> {
  await t.app.settle();
  const by = new Map<string, PhantomEvent[]>();
  for (const e of await t.app.store.events({ limit: 100_000 })) {
    if (e.protocol !== 'mysql') continue;
    by.set(e.session, [...(by.get(e.session) ?? []), e]);
  }
  return [...by.values()].filter((ev) => ev.at(-1)?.eventid === 'session.closed');
}

/** The events of the closed session that came from `srcPort`, waiting (up to 10 s) for it to be committed. */
export async function sessionFrom(t: TestApp, srcPort: number): Promise<PhantomEvent[]> {
  for (let i = 0; i < 100; i++) {
    const s = (await closedSessions(t)).find((ev) => ev[0]?.src_port === srcPort);
    if (s) return s;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no closed session from source port ${srcPort}`);
}

/** Waits until `count` sessions matching `pred` are closed and committed. */
export async function waitSessions(t: TestApp, count: number, pred: (ev: PhantomEvent[]) => boolean = () => true): Promise<PhantomEvent[][]> {
  for (let i = 0; i < 150; i++) {
    const s = (await closedSessions(t)).filter(pred);
    if (s.length >= count) return s;
    await new Promise((r) => setTimeout(r, 100));
  }
  return (await closedSessions(t)).filter(pred);
}
