// How an event maps to an `events` row and back: envelope and eventid as columns, the event's own fields as JSON.
import type { Selectable } from 'kysely';
import { ENVELOPE_FIELDS, type PhantomEvent } from '../../schema/events.js';
import type { EventsTable } from './schema.js';

/** Column order of the compiled insert; eventValues() returns values in exactly this order. */
export const EVENT_COLUMNS = [
  'id',
  'timestamp',
  'eventid',
  'sensor',
  'session',
  'protocol',
  'src_ip',
  'src_port',
  'dst_ip',
  'dst_port',
  'data',
] as const satisfies readonly (keyof EventsTable)[];

export type EventRowValues = [string, string, string, string, string, string, string, number, string, number, string];

const COLUMN_FIELDS: ReadonlySet<string> = new Set([...ENVELOPE_FIELDS, 'eventid']);

/** The event's own fields as JSON; the envelope goes to its columns and is not serialised twice. */
export function eventData(event: PhantomEvent): string {
  // A for-in copy rather than rest destructuring: this runs once per stored event and is measurably cheaper.
  const own: Record<string, unknown> = {};
  for (const key in event) {
    if (!COLUMN_FIELDS.has(key)) own[key] = event[key as keyof PhantomEvent];
  }
  return JSON.stringify(own);
}

export function eventValues(e: PhantomEvent): EventRowValues {
  return [e.id, e.timestamp, e.eventid, e.sensor, e.session, e.protocol, e.src_ip, e.src_port, e.dst_ip, e.dst_port, eventData(e)];
}

export function rowToEvent(row: Selectable<EventsTable>): PhantomEvent {
  const own = JSON.parse(row.data) as Record<string, unknown>;
  return {
    ...own,
    id: row.id,
    timestamp: row.timestamp,
    eventid: row.eventid,
    sensor: row.sensor,
    session: row.session,
    protocol: row.protocol,
    src_ip: row.src_ip,
    src_port: row.src_port,
    dst_ip: row.dst_ip,
    dst_port: row.dst_port,
  } as PhantomEvent;
}
