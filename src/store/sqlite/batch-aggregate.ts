// Folds one batch of events into per-session and per-source deltas, so a commit writes one upsert per
// session and per source instead of one per event. Backend-neutral: the PostgreSQL store needs the same fold.
import type { TriedCredential } from '../../core/store.js';
import type { PhantomEvent, Protocol } from '../../schema/events.js';

/** What one batch adds to a session row; counters are increments, nullable fields are "set if not null". */
export interface SessionDelta {
  session: string;
  sensor: string;
  protocol: Protocol;
  src_ip: string;
  src_port: number;
  dst_ip: string;
  dst_port: number;
  /** Earliest timestamp seen (session.connect's when it is in the batch); merged with min(). */
  start_time: string;
  end_time: string | null;
  duration_ms: number | null;
  close_reason: string | null;
  event_count: number;
  login_attempts: number;
  login_successes: number;
  commands: number;
  credentials: TriedCredential[];
  username: string | null;
  client_version: string | null;
  hassh: string | null;
}

/** What one batch adds to a source row; merged with min/max for the times and + for the counters. */
export interface SourceDelta {
  src_ip: string;
  first_seen: string;
  last_seen: string;
  sessions: number;
  events: number;
  login_attempts: number;
  login_successes: number;
}

export class BatchAggregate {
  readonly sessions = new Map<string, SessionDelta>();
  readonly sources = new Map<string, SourceDelta>();

  /** @param maxCredentials credentials kept per session; the rest are still counted in login_attempts. */
  constructor(private readonly maxCredentials: number) {}

  add(e: PhantomEvent): void {
    const s = this.session(e);
    const src = this.source(e);
    s.event_count++;
    src.events++;
    if (e.timestamp < s.start_time) s.start_time = e.timestamp;
    if (e.timestamp < src.first_seen) src.first_seen = e.timestamp;
    if (e.timestamp > src.last_seen) src.last_seen = e.timestamp;
    switch (e.eventid) {
      case 'session.connect':
        src.sessions++;
        break;
      case 'client.version':
        s.client_version = e.version;
        break;
      case 'client.kex':
        s.hassh = e.hassh;
        break;
      case 'login.success':
      case 'login.failed': {
        const success = e.eventid === 'login.success';
        s.login_attempts++;
        src.login_attempts++;
        if (success) {
          s.login_successes++;
          src.login_successes++;
          s.username = e.username;
        }
        if (s.credentials.length < this.maxCredentials) s.credentials.push({ username: e.username, password: e.password, success });
        break;
      }
      case 'command.input':
        s.commands++;
        break;
      case 'session.closed':
        s.end_time = e.timestamp;
        s.duration_ms = e.duration_ms;
        s.close_reason = e.reason;
        break;
      default:
        break;
    }
  }

  private session(e: PhantomEvent): SessionDelta {
    let s = this.sessions.get(e.session);
    if (!s) {
      s = {
        session: e.session,
        sensor: e.sensor,
        protocol: e.protocol,
        src_ip: e.src_ip,
        src_port: e.src_port,
        dst_ip: e.dst_ip,
        dst_port: e.dst_port,
        start_time: e.timestamp,
        end_time: null,
        duration_ms: null,
        close_reason: null,
        event_count: 0,
        login_attempts: 0,
        login_successes: 0,
        commands: 0,
        credentials: [],
        username: null,
        client_version: null,
        hassh: null,
      };
      this.sessions.set(e.session, s);
    }
    return s;
  }

  private source(e: PhantomEvent): SourceDelta {
    let src = this.sources.get(e.src_ip);
    if (!src) {
      src = {
        src_ip: e.src_ip,
        first_seen: e.timestamp,
        last_seen: e.timestamp,
        sessions: 0,
        events: 0,
        login_attempts: 0,
        login_successes: 0,
      };
      this.sources.set(e.src_ip, src);
    }
    return src;
  }
}
