// How often fetches may happen: a sliding one-minute window per destination host, shared by every session
// of a sensor, so a swarm of sessions cannot turn the sensor into a flooder of one victim.

/** Most destinations tracked at once; past it the oldest-seen ones are forgotten (bounded memory). */
const MAX_DESTINATIONS = 10_000;
const WINDOW_MS = 60_000;

export class DestinationRateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one fetch to `destination` if the window has room; false (nothing counted) when it is full. */
  tryAcquire(destination: string): boolean {
    const key = destination.toLowerCase();
    const t = this.now();
    const recent = (this.hits.get(key) ?? []).filter((at) => t - at < WINDOW_MS);
    if (recent.length >= this.perMinute) {
      this.hits.set(key, recent);
      return false;
    }
    recent.push(t);
    // Re-inserting keeps the map ordered by last use, so eviction drops the stalest destination.
    this.hits.delete(key);
    this.hits.set(key, recent);
    if (this.hits.size > MAX_DESTINATIONS) {
      const oldest = this.hits.keys().next().value;
      if (oldest !== undefined) this.hits.delete(oldest);
    }
    return true;
  }
}

/** A session's own budget of fetches. */
export class SessionQuota {
  private used = 0;

  constructor(private readonly max: number) {}

  tryTake(): boolean {
    if (this.used >= this.max) return false;
    this.used++;
    return true;
  }
}
