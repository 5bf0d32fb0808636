// Structured operator log: one line per record to stderr and, when configured, to a file.
import { LOG_LEVELS_SCHEMA } from '../schema/log-level.js';
import { appendFileSync } from 'node:fs';

export const LOG_LEVELS = LOG_LEVELS_SCHEMA.options;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger whose lines all carry these fields (component name, sensor, ...). */
  child(fields: LogFields): Logger;
}

export interface LoggerOptions {
  level: LogLevel;
  /** Also append each line here (the data directory's log file). */
  file?: string;
  /** Where lines go besides the file; defaults to stderr. Tests pass a collector. */
  write?: (line: string) => void;
}

export function createLogger(opts: LoggerOptions, bound: LogFields = {}): Logger {
  const min = LOG_LEVELS.indexOf(opts.level);
  const write = opts.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const log = (level: LogLevel, msg: string, fields?: LogFields): void => {
    if (LOG_LEVELS.indexOf(level) < min) return;
    const all = { ...bound, ...fields };
    const extras = Object.entries(all)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${typeof v === 'string' && /[\s"=]/.test(v) ? JSON.stringify(v) : String(v)}`)
      .join(' ');
    const line = `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${msg}${extras ? ' ' + extras : ''}`;
    write(line);
    if (opts.file) {
      try {
        appendFileSync(opts.file, line + '\n', { mode: 0o600 });
      } catch {
        // A full or vanished disk must not take the sensors down; stderr still has the line.
      }
    }
  };
  return {
    debug: (m, f) => log('debug', m, f),
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
    child: (fields) => createLogger(opts, { ...bound, ...fields }),
  };
}

/** A logger that drops everything (benchmarks, unit tests that do not look at logs). */
export const silentLogger: Logger = createLogger({ level: 'error', write: () => {} });

/** Calls `fn` at most once per `intervalMs`, reporting how many calls were suppressed meanwhile. */
export function throttled(intervalMs: number, fn: (suppressed: number) => void): () => void {
  let last = 0;
  let suppressed = 0;
  return () => {
    const now = Date.now();
    if (now - last >= intervalMs) {
      last = now;
      fn(suppressed);
      suppressed = 0;
    } else {
      suppressed++;
    }
  };
}
