// The sending end of legacy scp (`scp -f path...`): C/D/E/T lines and file bytes from the emulated file
// system, each waiting for the client's \0, with OpenSSH's source() error texts.
import type { ShellFs } from '../shell/fs/types.js';
import { normalisePath } from '../shell/fs/index.js';
import { errText } from './scp-sink.js';

export interface SourceDeps {
  fs: ShellFs;
  home: string;
  send(data: Buffer): void;
  /** The next byte from the client; undefined once it closed. */
  readByte(): Promise<number | undefined>;
}

export interface SourceOptions {
  recursive: boolean;
  preserve: boolean;
}

/** Most directory levels a recursive send descends, so a link loop ends. */
const MAX_DEPTH = 64;
const MAX_LINE = 2047;

class Lost extends Error {}
class Fatal extends Error {}

/** Runs source() over every path; resolves to scp's exit status. */
export async function runSource(deps: SourceDeps, opts: SourceOptions, paths: readonly string[]): Promise<number> {
  const s = new Source(deps, opts);
  try {
    await s.response();
    for (const p of paths) await s.source(p, 0);
  } catch (e) {
    if (e instanceof Lost || e instanceof Fatal) return 1;
    throw e;
  }
  return s.errs ? 1 : 0;
}

class Source {
  errs = 0;

  constructor(
    private readonly deps: SourceDeps,
    private readonly opts: SourceOptions,
  ) {}

  /** response(): 0 is fine, \1 a counted error, \2 (or anything else) ends scp. */
  async response(): Promise<boolean> {
    const b = await this.deps.readByte();
    if (b === undefined) throw new Lost();
    if (b === 0) return true;
    for (let n = 0; n < MAX_LINE; n++) {
      const c = await this.deps.readByte();
      if (c === undefined) throw new Lost();
      if (c === 0x0a) break;
    }
    this.errs++;
    if (b === 1) return false;
    throw new Fatal();
  }

  async source(name: string, depth: number): Promise<void> {
    const { fs } = this.deps;
    let trimmed = name;
    while (trimmed.length > 1 && trimmed.endsWith('/')) trimmed = trimmed.slice(0, -1);
    const path = normalisePath(trimmed.startsWith('/') ? trimmed : `${this.deps.home}/${trimmed}`);
    let st;
    try {
      st = fs.stat(path);
      if (!st) return this.runErr(`${trimmed}: No such file or directory`);
      fs.access(path, 4);
    } catch (e) {
      return this.runErr(`${trimmed}: ${errText(e)}`);
    }
    if (st.kind === 'dir' && this.opts.recursive && depth < MAX_DEPTH) return this.rsource(trimmed, path, st.mode, st.mtimeMs, depth);
    if (st.kind !== 'file') return this.runErr(`${trimmed}: not a regular file`);
    let data: Buffer;
    try {
      data = fs.readFile(path);
    } catch (e) {
      return this.runErr(`${trimmed}: ${errText(e)}`);
    }
    const last = trimmed.slice(trimmed.lastIndexOf('/') + 1);
    if (this.opts.preserve && !(await this.times(st.mtimeMs))) return;
    this.send(`C${octal(st.mode)} ${data.length} ${last}\n`);
    if (!(await this.response())) return;
    if (data.length) this.deps.send(data);
    this.deps.send(Buffer.from([0]));
    await this.response();
  }

  private async rsource(name: string, path: string, mode: number, mtimeMs: number, depth: number): Promise<void> {
    let names: string[];
    try {
      names = this.deps.fs.readdir(path);
    } catch (e) {
      return this.runErr(`${name}: ${errText(e)}`);
    }
    const last = name.slice(name.lastIndexOf('/') + 1);
    if (this.opts.preserve && !(await this.times(mtimeMs))) return;
    this.send(`D${octal(mode)} 0 ${last}\n`);
    if (!(await this.response())) return;
    for (const n of names) await this.source(`${name === '/' ? '' : name}/${n}`, depth + 1);
    this.send('E\n');
    await this.response();
  }

  private async times(mtimeMs: number): Promise<boolean> {
    const t = Math.floor(mtimeMs / 1000);
    this.send(`T${t} 0 ${t} 0\n`);
    return this.response();
  }

  private send(text: string): void {
    this.deps.send(Buffer.from(text, 'utf8'));
  }

  private runErr(msg: string): void {
    this.errs++;
    this.send(`\x01scp: ${msg}\n`);
  }
}

function octal(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(4, '0');
}
