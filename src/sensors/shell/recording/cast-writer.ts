// One asciinema v2 cast file written as the session goes: a header line, then [seconds, code, data] frames,
// appended through a stream, capped in size and hashed on the way out, so closing needs no re-read.
import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';

export interface CastHeader {
  width: number;
  height: number;
  /** Unix time (seconds) the recording started. */
  timestamp: number;
  env: { TERM: string; SHELL: string };
}

/** o: output to the terminal, i: input from it, r: resize ("WxH"), m: marker (we mark a truncated cast). */
export type FrameCode = 'o' | 'i' | 'r' | 'm';

export interface CastSummary {
  size: number;
  shasum: string;
  truncated: boolean;
  durationMs: number;
}

/** Room kept under the cap for the closing "truncated" marker. */
const MARKER_RESERVE = 64;

export class CastWriter {
  private readonly stream: WriteStream;
  private readonly hash = createHash('sha256');
  private readonly started = performance.now();
  private bytes = 0;
  private truncated = false;
  private writeFailed = false;
  private summary: CastSummary | undefined;
  /** Settles once every byte is on disk (or writing failed); the summary is known before that. */
  readonly flushed: Promise<void>;

  constructor(
    path: string,
    header: CastHeader,
    private readonly maxBytes: number,
  ) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    this.stream = createWriteStream(path, { flags: 'wx', mode: 0o600 });
    this.flushed = new Promise((resolve) => {
      this.stream.once('close', () => resolve());
      this.stream.once('error', () => {
        // A full disk or a clash must not end the session: the recording just stops.
        this.writeFailed = true;
        resolve();
      });
    });
    this.append(JSON.stringify({ version: 2, width: header.width, height: header.height, timestamp: header.timestamp, env: header.env }) + '\n');
  }

  get closed(): boolean {
    return this.summary !== undefined;
  }

  /** The file could not be created or written (full disk, unwritable directory). */
  get failed(): boolean {
    return this.writeFailed;
  }

  frame(code: FrameCode, data: string): void {
    if (this.summary || this.truncated || this.writeFailed || data === '') return;
    const line = JSON.stringify([this.elapsed(), code, data]) + '\n';
    if (this.bytes + Buffer.byteLength(line) > this.maxBytes - MARKER_RESERVE) {
      this.truncated = true;
      this.append(JSON.stringify([this.elapsed(), 'm', 'truncated']) + '\n');
      return;
    }
    this.append(line);
  }

  /** Ends the file; size and hash cover every byte handed to the stream. Later calls return the same summary. */
  close(): CastSummary {
    if (!this.summary) {
      this.summary = {
        size: this.bytes,
        shasum: this.hash.digest('hex'),
        truncated: this.truncated,
        durationMs: Math.max(0, Math.round(performance.now() - this.started)),
      };
      this.stream.end();
    }
    return this.summary;
  }

  /** Seconds since the start, to the microsecond, as asciinema writes them; performance.now() never goes back. */
  private elapsed(): number {
    return Math.round((performance.now() - this.started) * 1000) / 1_000_000;
  }

  private append(line: string): void {
    const buf = Buffer.from(line, 'utf8');
    this.bytes += buf.length;
    this.hash.update(buf);
    this.stream.write(buf);
  }
}
