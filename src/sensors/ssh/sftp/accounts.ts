// User and group names by id, read from the session's own /etc/passwd and /etc/group as getpwuid() would,
// so listings name the owners the attacker's `cat /etc/passwd` shows.
import type { ShellFs } from '../../shell/fs/types.js';

/** Most lines read from either file; the rest are ignored. */
const MAX_LINES = 10_000;

export class Accounts {
  private users: Map<number, string> | undefined;
  private homes: Map<string, string> | undefined;
  private groups: Map<number, string> | undefined;

  constructor(private readonly fs: ShellFs) {}

  user(uid: number): string | undefined {
    return (this.users ??= this.load('/etc/passwd')).get(uid);
  }

  group(gid: number): string | undefined {
    return (this.groups ??= this.load('/etc/group')).get(gid);
  }

  /** The home directory /etc/passwd gives the user (getpwnam's pw_dir). */
  home(name: string): string | undefined {
    if (!this.homes) {
      this.homes = new Map();
      for (const f of this.lines('/etc/passwd')) if (f[0] && f[5] && !this.homes.has(f[0])) this.homes.set(f[0], f[5]);
    }
    return this.homes.get(name);
  }

  private lines(path: string): string[][] {
    let text: string;
    try {
      text = this.fs.readFile(path).toString('utf8');
    } catch {
      return [];
    }
    return text
      .split('\n')
      .slice(0, MAX_LINES)
      .map((l) => l.split(':'));
  }

  private load(path: string): Map<number, string> {
    const out = new Map<number, string>();
    for (const f of this.lines(path)) {
      const id = Number(f[2]);
      if (f[0] && Number.isInteger(id) && !out.has(id)) out.set(id, f[0]);
    }
    return out;
  }
}
