// Files a session writes with redirections (`echo ... > x.sh`), readable back by `sh x.sh` and `<`;
// capped in count and size. The persistent per-source file system replaces it with the deep shell.

/** Most files and bytes one session may hold. */
const MAX_FILES = 256;
const MAX_BYTES = 1 << 20;

export class SessionFiles {
  private readonly files = new Map<string, string>();
  private bytes = 0;

  has(path: string): boolean {
    return this.files.has(path);
  }

  read(path: string): string | undefined {
    return this.files.get(path);
  }

  paths(): string[] {
    return [...this.files.keys()];
  }

  /** Write or append; content past the caps is dropped, as a full disk would. */
  write(path: string, content: string, append: boolean): void {
    const old = this.files.get(path) ?? '';
    if (!this.files.has(path) && this.files.size >= MAX_FILES) return;
    const next = append ? old + content : content;
    const room = MAX_BYTES - (this.bytes - old.length);
    const kept = next.slice(0, Math.max(0, room));
    this.bytes += kept.length - old.length;
    this.files.set(path, kept);
  }
}
