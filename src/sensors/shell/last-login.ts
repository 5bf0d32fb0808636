// Who logged in last, per user, for sshd's "Last login:" line: remembered in memory (bounded, oldest
// forgotten first); a user never seen gets a plausible earlier login from a fixed pseudo-random source.
import { SeededRng } from '../../core/rng.js';

export interface LoginRecord {
  timeMs: number;
  from: string;
}

/** Users remembered at once; beyond that the least recently seen is forgotten. */
const MAX_USERS = 10_000;
const DAY_MS = 86_400_000;

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export class LastLogins {
  private readonly records = new Map<string, LoginRecord>();

  /** `seed` makes the invented first logins differ per instance (the sensor and host name). */
  constructor(private readonly seed: string) {}

  /** The previous login of `user` (or an invented one), and record this one in its place. */
  next(user: string, nowMs: number, from: string): LoginRecord {
    const previous = this.records.get(user) ?? this.invent(user, nowMs);
    this.records.delete(user);
    this.records.set(user, { timeMs: nowMs, from });
    if (this.records.size > MAX_USERS) {
      const oldest = this.records.keys().next().value;
      if (oldest !== undefined) this.records.delete(oldest);
    }
    return previous;
  }

  /**
   * An admin's login 1 to 20 days before today, in working hours, from a private address. It hangs off the
   * day, not the instant, so it reads the same across restarts on one day.
   */
  private invent(user: string, nowMs: number): LoginRecord {
    const rng = new SeededRng(fnv1a(`${this.seed}|${user}`));
    const day = Math.floor(nowMs / DAY_MS) - 1 - rng.int(20);
    const secondOfDay = (7 * 3600) + rng.int(11 * 3600);
    const from = rng.next() < 0.5 ? `192.168.${rng.int(4)}.${2 + rng.int(250)}` : `10.${rng.int(8)}.${rng.int(256)}.${2 + rng.int(250)}`;
    return { timeMs: day * DAY_MS + secondOfDay * 1000, from };
  }
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** ctime(3) without the newline, in UTC (the emulated host's zone): "Mon Jan  6 09:12:44 2025". */
export function ctime(ms: number): string {
  const d = new Date(ms);
  const p2 = (n: number): string => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

/** pam_lastlog's time, strftime "%a %b %e %H:%M:%S %Z %Y" in UTC: "Mon Jan  6 09:12:44 UTC 2025". */
export function lastlogTime(ms: number): string {
  const c = ctime(ms);
  return `${c.slice(0, 19)} UTC${c.slice(19)}`;
}
