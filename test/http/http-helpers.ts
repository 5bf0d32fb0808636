// Shared by the HTTP end-to-end tests: an app running only the web sensors, and event look-ups.
import { SENSOR_SECTIONS, type Config } from '../../src/schema/config.js';
import type { EventId, EventOf } from '../../src/schema/events.js';
import { startTestApp, type DeepPartial, type TestApp } from '../helpers/test-app.js';

// Only the web sensors run: another sensor's state never decides these tests.
const OTHERS_OFF = Object.fromEntries(SENSOR_SECTIONS.filter((s) => s !== 'http' && s !== 'https').map((s) => [s, { enabled: false }])) as DeepPartial<Config>;

export function startWebApp(overrides: DeepPartial<Config> = {}, dir?: string): Promise<TestApp> {
  return startTestApp({ ...OTHERS_OFF, ...overrides, http: { enabled: true, ...overrides.http }, https: { enabled: true, ...overrides.https } }, dir);
}

export async function eventsOf<K extends EventId>(t: TestApp, eventid: K): Promise<EventOf<K>[]> {
  await t.app.settle();
  return (await t.app.store.events({ eventid, limit: 100_000 })) as EventOf<K>[];
}

/** Header names of a curl -i / -D dump, in order, for the last response in it. */
export function headerNames(dump: string): string[] {
  const blocks = dump.split(/\r\n\r\n/).filter((b) => b.startsWith('HTTP/'));
  const last = blocks.at(-1) ?? '';
  return last.split('\r\n').slice(1).map((l) => l.slice(0, l.indexOf(':')));
}
