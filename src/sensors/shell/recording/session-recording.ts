// A session's recording tied to its SessionScope: frames in, and on the way out the cast is closed and
// log.closed emitted, at the latest just before session.closed (however the connection ended).
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { SessionScope } from '../../../core/session-scope.js';
import { castRelativePath } from './cast-path.js';
import { CastWriter } from './cast-writer.js';

/** Shared by a sensor's sessions; from config.shell.recording and general.data_dir. */
export interface RecordingSettings {
  enabled: boolean;
  dataDir: string;
  maxBytes: number;
}

export interface RecordingStart {
  width: number;
  height: number;
  term: string;
  shell: string;
}

/** Casts already opened per session: a second shell channel on one SSH connection gets `<id>-2.cast`. */
const opened = new WeakMap<SessionScope, number>();

/** What a terminal without a size (ssh -tt from a pipe asks for 0x0) is recorded as. */
const DEFAULT_SIZE = { width: 80, height: 24 };

export class SessionRecording {
  private readonly decoder = new StringDecoder('utf8');
  private done = false;

  private constructor(
    private readonly scope: SessionScope,
    private readonly writer: CastWriter,
    private readonly ttylog: string,
  ) {
    scope.beforeClose(() => this.finish());
  }

  /** Starts recording, or returns undefined when recording is off or the session already ended. */
  static open(settings: RecordingSettings | undefined, scope: SessionScope, start: RecordingStart): SessionRecording | undefined {
    if (!settings?.enabled || scope.closed) return undefined;
    const now = Date.now();
    const n = (opened.get(scope) ?? 0) + 1;
    opened.set(scope, n);
    const ttylog = castRelativePath(n === 1 ? scope.id : `${scope.id}-${n}`, now);
    const sized = start.width > 0 && start.height > 0 ? start : { ...start, ...DEFAULT_SIZE };
    let writer: CastWriter;
    try {
      writer = new CastWriter(join(settings.dataDir, ttylog), {
        width: sized.width,
        height: sized.height,
        timestamp: Math.floor(now / 1000),
        env: { TERM: start.term.slice(0, 64) || 'xterm', SHELL: start.shell },
      }, settings.maxBytes);
    } catch {
      // The data directory is unwritable: the session goes on unrecorded rather than failing.
      return undefined;
    }
    return new SessionRecording(scope, writer, ttylog);
  }

  /** Text the client's terminal was sent. */
  output(text: string): void {
    this.writer.frame('o', text);
  }

  /** What the client typed; raw bytes are decoded across chunk boundaries. */
  input(data: string | Buffer): void {
    this.writer.frame('i', typeof data === 'string' ? data : this.decoder.write(data));
  }

  resize(width: number, height: number): void {
    if (width > 0 && height > 0) this.writer.frame('r', `${width}x${height}`);
  }

  /** Closes the cast and emits log.closed once; resolves when the file is on disk. */
  finish(): Promise<void> {
    if (!this.done) {
      this.done = true;
      const s = this.writer.close();
      // A cast the disk refused is not reported as if it were whole.
      if (!this.writer.failed) this.scope.emit('log.closed', { ttylog: this.ttylog, size: s.size, shasum: s.shasum, duplicate: false, duration_ms: s.durationMs });
    }
    return this.writer.flushed;
  }
}

/** The settings from config.shell.recording and the data directory. */
export function recordingSettings(cfg: { enabled: boolean; max_bytes: number }, dataDir: string): RecordingSettings {
  return { enabled: cfg.enabled, dataDir, maxBytes: cfg.max_bytes };
}
