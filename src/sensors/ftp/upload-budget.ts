// The memory all in-flight FTP uploads of one sensor may hold together; an upload that finds it spent is cut
// (and recorded as truncated), so many parallel uploads cannot add up to more than this.

/** 256 MiB: a few dozen full-size uploads at once, far below what the host can hold. */
export const UPLOAD_BUDGET_BYTES = 256 * 1024 * 1024;

export class UploadBudget {
  constructor(private left: number = UPLOAD_BUDGET_BYTES) {}

  /** Reserve up to `n` bytes; returns how many were granted. */
  take(n: number): number {
    const k = Math.max(0, Math.min(n, this.left));
    this.left -= k;
    return k;
  }

  /** Return bytes once the upload they held is stored. */
  give(n: number): void {
    this.left += n;
  }
}
