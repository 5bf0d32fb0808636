// Caps on live connections, in total and per source address, shared by every TCP sensor.

export class ConnectionLimiter {
  private total = 0;
  private readonly perSource = new Map<string, number>();

  constructor(
    private readonly maxTotal: number,
    private readonly maxPerSource: number,
  ) {}

  /** Take a slot for `ip`; false when either cap is reached (the caller refuses the connection). */
  tryAcquire(ip: string): boolean {
    const n = this.perSource.get(ip) ?? 0;
    if (this.total >= this.maxTotal || n >= this.maxPerSource) return false;
    this.total++;
    this.perSource.set(ip, n + 1);
    return true;
  }

  release(ip: string): void {
    const n = this.perSource.get(ip) ?? 0;
    if (n <= 1) this.perSource.delete(ip);
    else this.perSource.set(ip, n - 1);
    if (n > 0) this.total--;
  }

  get active(): number {
    return this.total;
  }
}
