// The receiving end of legacy scp (`scp -t target`): C/D/E/T control lines, file bytes and \0 acks, as
// OpenSSH's sink() answers them, writing into the emulated file system and recording every file.
import { FsError, STRERROR, type ShellFs } from '../shell/fs/types.js';
import { normalisePath } from '../shell/fs/index.js';
import type { UploadRecorder } from './sftp/upload-recorder.js';

export interface SinkDeps {
  fs: ShellFs;
  home: string;
  recorder: UploadRecorder;
  send(data: Buffer): void;
  /** scp exited with this status (errors seen: 1). */
  exit(status: number): void;
}

export interface SinkOptions {
  recursive: boolean;
  preserve: boolean;
  targetIsDir: boolean;
}

/** scp's control-line buffer (2048 bytes with its NUL). */
const MAX_LINE = 2047;
const UMASK = 0o022;

interface Frame {
  target: string;
  isDir: boolean;
}

interface Incoming {
  path: string;
  size: number;
  received: number;
  chunks: Buffer[];
  kept: number;
  cap: number;
  mode: number;
  error?: string;
  truncated: boolean;
  times?: number;
}

type State = { kind: 'line' } | { kind: 'data'; file: Incoming } | { kind: 'trailer'; file: Incoming; msg?: number[] } | { kind: 'done' };

export class ScpSink {
  private state: State = { kind: 'line' };
  private line: number[] = [];
  private readonly stack: Frame[] = [];
  private errs = 0;
  private times: number | undefined;
  private first = true;

  constructor(
    private readonly deps: SinkDeps,
    private readonly opts: SinkOptions,
    target: string,
  ) {
    const path = this.resolve(target);
    const st = this.statQuiet(path);
    if (opts.targetIsDir && st?.kind !== 'dir') {
      this.runErr(`${target}: ${STRERROR[st ? 'ENOTDIR' : 'ENOENT']}`);
      this.finish(1);
      return;
    }
    this.stack.push({ target: path, isDir: st?.kind === 'dir' });
    deps.send(Buffer.from([0]));
  }

  push(chunk: Buffer): void {
    let p = 0;
    while (p < chunk.length && this.state.kind !== 'done') {
      const st = this.state;
      if (st.kind === 'data') {
        const n = Math.min(st.file.size - st.file.received, chunk.length - p);
        this.take(st.file, chunk.subarray(p, p + n));
        p += n;
        if (st.file.received === st.file.size) this.state = { kind: 'trailer', file: st.file };
        continue;
      }
      const byte = chunk[p++] as number;
      if (st.kind === 'trailer') {
        if (st.msg === undefined) {
          if (byte === 0) this.completeFile(st.file);
          else if (byte === 1 || byte === 2) st.msg = [byte];
          else st.msg = [byte];
        } else if (byte === 0x0a) {
          // The source reported a read error after the bytes: counted, and a fatal one (\2) ends scp.
          this.errs++;
          if (st.msg[0] !== 1) return this.finish(1);
          this.completeFile(st.file);
        } else if (st.msg.length < MAX_LINE) st.msg.push(byte);
        continue;
      }
      if (byte === 0x0a) {
        if (this.line.length === 0) return this.screwup('unexpected <newline>');
        const text = Buffer.from(this.line).toString('utf8');
        this.line = [];
        this.control(text);
      } else if (this.line.length >= MAX_LINE) {
        return this.screwup('expected control record');
      } else this.line.push(byte);
    }
  }

  /** The client closed its side: a file cut short is still kept (and recorded) as far as it came. */
  end(): void {
    if (this.state.kind === 'done') return;
    const st = this.state;
    if (st.kind === 'data' || st.kind === 'trailer') {
      st.file.truncated = true;
      this.store(st.file);
      return this.finish(1);
    }
    this.finish(this.errs ? 1 : 0);
  }

  private control(text: string): void {
    const first = this.first;
    this.first = false;
    const kind = text[0];
    if (kind === '\x01' || kind === '\x02') {
      if (kind === '\x02') return this.finish(1);
      this.errs++;
      return;
    }
    if (kind === 'E') {
      this.ack();
      this.stack.pop();
      if (this.stack.length === 0) this.finish(this.errs ? 1 : 0);
      return;
    }
    if (kind === 'T') {
      const m = /^T(\d+) (\d+) (\d+) (\d+)$/.exec(text);
      if (!m) return this.screwup('mtime.sec not delimited');
      this.times = Number(m[1]) * 1000;
      this.ack();
      return;
    }
    if (kind !== 'C' && kind !== 'D') {
      if (first) {
        // The first line not being a control record is a shell message ("No match."): passed on, fatal.
        this.runErr(text);
        return this.finish(1);
      }
      return this.screwup('expected control record');
    }
    const m = /^[CD]([0-7]{4}) (\d+) (.*)$/s.exec(text);
    if (!m) {
      if (!/^[CD][0-7]{4}/.test(text)) return this.screwup('bad mode');
      if (text[5] !== ' ') return this.screwup('mode not delimited');
      if (!/^\d/.test(text.slice(6))) return this.screwup('size not present');
      return this.screwup('size not delimited');
    }
    const name = m[3] as string;
    if (name === '' || name.includes('/') || name === '..') {
      this.runErr(`error: unexpected filename: ${name}`);
      return this.finish(1);
    }
    let mode = Number.parseInt(m[1] as string, 8);
    if (!this.opts.preserve) mode &= ~UMASK;
    const frame = this.stack[this.stack.length - 1] as Frame;
    const path = frame.isDir ? (frame.target === '/' ? `/${name}` : `${frame.target}/${name}`) : frame.target;
    const times = this.times;
    this.times = undefined;
    if (kind === 'D') return this.enterDir(path, mode, times);
    this.startFile(path, Number(m[2]), mode, times);
  }

  private enterDir(path: string, mode: number, times: number | undefined): void {
    if (!this.opts.recursive) return this.screwup('received directory without -r');
    const { fs } = this.deps;
    try {
      const st = fs.stat(path);
      if (st && st.kind !== 'dir') throw new FsError('ENOTDIR', path);
      if (!st) fs.mkdir(path, { mode: mode | 0o700 });
      if (times !== undefined) fs.utimes(path, times);
    } catch (e) {
      return this.runErr(`${path}: ${errText(e)}`);
    }
    this.stack.push({ target: path, isDir: true });
    this.ack();
  }

  private startFile(path: string, size: number, mode: number, times: number | undefined): void {
    const { fs } = this.deps;
    let cap: number;
    try {
      const st = fs.stat(path);
      if (st?.kind === 'dir') throw new FsError('EISDIR', path);
      if (st) fs.access(path, 2);
      else fs.writeFile(path, Buffer.alloc(0), { mode: mode | 0o200 });
      const usage = fs.usage();
      cap = Math.min(Math.max(0, usage.limit - usage.bytes) + (st?.kind === 'file' ? st.size : 0), this.deps.recorder.left);
    } catch (e) {
      return this.runErr(`${path}: ${errText(e)}`);
    }
    const file: Incoming = { path, size, received: 0, chunks: [], kept: 0, cap, mode, truncated: false, ...(times !== undefined ? { times } : {}) };
    this.ack();
    this.state = size === 0 ? { kind: 'trailer', file } : { kind: 'data', file };
  }

  private take(file: Incoming, bytes: Buffer): void {
    file.received += bytes.length;
    const room = Math.max(0, file.cap - file.kept);
    const keep = Math.min(room, bytes.length);
    if (keep > 0 && this.deps.recorder.take(keep)) {
      file.chunks.push(Buffer.from(bytes.subarray(0, keep)));
      file.kept += keep;
    }
    if (keep < bytes.length && !file.error) {
      // Keep reading so the stream stays in step; the error goes back once the file is done.
      file.error = `${file.path}: ${STRERROR.ENOSPC}`;
      file.truncated = true;
    }
  }

  private completeFile(file: Incoming): void {
    this.state = { kind: 'line' };
    this.store(file);
    if (file.error) this.runErr(file.error);
    else this.ack();
  }

  private store(file: Incoming): void {
    const data = Buffer.concat(file.chunks);
    const { fs } = this.deps;
    try {
      fs.writeFile(file.path, data, { mode: file.mode });
      if (file.times !== undefined) fs.utimes(file.path, file.times);
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      if (e.code === 'ENOSPC') file.truncated = true;
      file.error ??= `${file.path}: ${STRERROR[e.code]}`;
    }
    this.deps.recorder.record(file.path, data, file.truncated);
  }

  private resolve(p: string): string {
    return normalisePath(p.startsWith('/') ? p : `${this.deps.home}/${p}`);
  }

  private statQuiet(path: string): ReturnType<ShellFs['stat']> {
    try {
      return this.deps.fs.stat(path);
    } catch {
      return undefined;
    }
  }

  private ack(): void {
    this.deps.send(Buffer.from([0]));
  }

  /** run_err(): "\1scp: message\n" to the client, and an error counted for the exit status. */
  private runErr(msg: string): void {
    this.errs++;
    this.deps.send(Buffer.from(`\x01scp: ${msg}\n`, 'utf8'));
  }

  private screwup(why: string): void {
    this.runErr(`protocol error: ${why}`);
    this.finish(1);
  }

  private finish(status: number): void {
    if (this.state.kind === 'done') return;
    this.state = { kind: 'done' };
    this.deps.exit(status);
  }
}

export function errText(e: unknown): string {
  return e instanceof FsError ? STRERROR[e.code] : STRERROR.EINVAL;
}
