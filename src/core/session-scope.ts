// SessionScope: a connection's identity, bound once; it stamps every event with that envelope
// and guarantees session.connect first and session.closed last, whatever way the connection ends.
import { z } from 'zod';
import {
  EVENT_DEFINITIONS,
  envelopeShape,
  type CloseReason,
  type EventFields,
  type EventId,
  type PhantomEvent,
  type Protocol,
} from '../schema/events.js';
import type { Clock } from './clock.js';
import { newId, newSessionId } from './ids.js';

/**
 * Each event's schema with the envelope fields accepted as they are: the envelope is checked once per session (it
 * never changes), so every event pays only for its own fields. Strict as before: unknown keys are still refused.
 */
const ENVELOPE_ONCE = Object.fromEntries(Object.keys(envelopeShape).map((k) => [k, z.unknown()]));
const EVENT_SCHEMAS: ReadonlyMap<string, z.ZodType> = new Map(
  EVENT_DEFINITIONS.map((d) => [d.eventid, z.strictObject({ ...ENVELOPE_ONCE, eventid: z.literal(d.eventid), ...d.fields })]),
);
const EnvelopeSchema = z.strictObject(envelopeShape);

const describe = (error: z.ZodError): string => error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');

export interface ConnectionInfo {
  protocol: Protocol;
  src_ip: string;
  src_port: number;
  dst_ip: string;
  dst_port: number;
}

export interface ScopeDeps {
  sensor: string;
  clock: Clock;
  publish: (event: PhantomEvent) => void;
  /** Called when an emitter produced an event that fails the catalogue schema (a programming fault). */
  onInvalid: (eventid: string, problem: string) => void;
  /** Validate every event against the catalogue; on by default, off only in benchmarks of raw throughput. */
  validate?: boolean;
}

/** Strips IPv4-mapped IPv6 prefixes so one attacker has one address whatever the socket family. */
export function normaliseIp(ip: string | undefined): string {
  if (!ip) return '0.0.0.0';
  return ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip;
}

export class SessionScope {
  readonly id: string;
  readonly startedAt: number;
  private readonly envelope: Readonly<Omit<PhantomEvent, 'eventid' | 'id' | 'timestamp'>>;
  private closedFlag = false;
  private readonly closeHooks: ((reason: CloseReason) => void)[] = [];
  private readonly finalHooks: (() => void)[] = [];
  private closing = false;
  /** Why the envelope itself is outside the catalogue (then every event is reported invalid), or undefined. */
  private readonly envelopeProblem: string | undefined;

  constructor(
    info: ConnectionInfo,
    private readonly deps: ScopeDeps,
  ) {
    this.id = newSessionId();
    this.startedAt = deps.clock.now();
    this.envelope = Object.freeze({
      sensor: deps.sensor,
      session: this.id,
      protocol: info.protocol,
      src_ip: normaliseIp(info.src_ip),
      src_port: info.src_port,
      dst_ip: normaliseIp(info.dst_ip),
      dst_port: info.dst_port,
    });
    if (deps.validate !== false) {
      // id and timestamp come from our own generators; one sample of each stands for all this session's events.
      const sample = EnvelopeSchema.safeParse({ ...this.envelope, id: newId(this.startedAt), timestamp: new Date(this.startedAt).toISOString() });
      this.envelopeProblem = sample.success ? undefined : describe(sample.error);
    }
    this.write('session.connect', {});
  }

  get srcIp(): string {
    return this.envelope.src_ip;
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  /** Record an event of this session. After close it is ignored: session.closed stays last. */
  emit<K extends Exclude<EventId, 'session.connect' | 'session.closed'>>(eventid: K, fields: EventFields<K>): void {
    if (this.closedFlag) return;
    this.write(eventid, fields);
  }

  /** Run `hook` once when the session closes (to release timers and sockets). */
  onClose(hook: (reason: CloseReason) => void): void {
    this.closeHooks.push(hook);
  }

  /** Run `hook` once just before session.closed is written, while it may still emit (a recording's log.closed). */
  beforeClose(hook: () => void): void {
    this.finalHooks.push(hook);
  }

  /** End the session once; later calls do nothing. */
  close(reason: CloseReason): void {
    if (this.closedFlag || this.closing) return;
    this.closing = true;
    for (const hook of this.finalHooks.splice(0)) {
      try {
        hook();
      } catch {
        // A failing final record must not cost the session its session.closed.
      }
    }
    this.write('session.closed', {
      duration_ms: Math.max(0, Math.round(this.deps.clock.now() - this.startedAt)),
      reason,
    });
    this.closedFlag = true;
    for (const hook of this.closeHooks.splice(0)) hook(reason);
  }

  private write(eventid: EventId, fields: object): void {
    const now = this.deps.clock.now();
    const env = this.envelope;
    // Assigned field by field (object spread is several times slower on V8 here), envelope last,
    // so nothing an emitter passes can overwrite the identity bound at connect.
    const event = Object.assign({}, fields) as Record<string, unknown>;
    event.id = newId(now);
    event.timestamp = new Date(now).toISOString();
    event.eventid = eventid;
    event.sensor = env.sensor;
    event.session = env.session;
    event.protocol = env.protocol;
    event.src_ip = env.src_ip;
    event.src_port = env.src_port;
    event.dst_ip = env.dst_ip;
    event.dst_port = env.dst_port;
    if (this.deps.validate !== false) {
      const schema = EVENT_SCHEMAS.get(eventid);
      const result = schema?.safeParse(event);
      const problem = this.envelopeProblem ?? (!result ? `eventid: ${eventid} is not in the catalogue` : result.success ? undefined : describe(result.error));
      if (problem !== undefined) {
        this.deps.onInvalid(eventid, problem);
        return;
      }
    }
    this.deps.publish(event as PhantomEvent);
  }
}
