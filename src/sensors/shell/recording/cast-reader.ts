// Reading an asciinema v2 cast back (for `phantomnet replay` and tests): the header, then every frame,
// checked for shape; a line that is not a frame is reported with its number, never guessed at.
import type { CastHeader, FrameCode } from './cast-writer.js';

export interface CastFrame {
  time: number;
  code: FrameCode;
  data: string;
}

export interface Cast {
  header: CastHeader & { version: 2 };
  frames: CastFrame[];
}

export class CastFormatError extends Error {}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseCast(text: string): Cast {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const first = lines.shift();
  let header: unknown;
  try {
    header = JSON.parse(first ?? '');
  } catch {
    throw new CastFormatError('line 1: the header is not JSON');
  }
  if (!isRecord(header) || header.version !== 2 || typeof header.width !== 'number' || typeof header.height !== 'number') {
    throw new CastFormatError('line 1: not an asciinema v2 header');
  }
  const env = isRecord(header.env) ? header.env : {};
  const frames = lines.map((line, i): CastFrame => {
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      throw new CastFormatError(`line ${i + 2}: not JSON`);
    }
    if (!Array.isArray(v) || v.length !== 3 || typeof v[0] !== 'number' || typeof v[2] !== 'string' || !['o', 'i', 'r', 'm'].includes(v[1] as string)) {
      throw new CastFormatError(`line ${i + 2}: not a [time, code, data] frame`);
    }
    return { time: v[0] as number, code: v[1] as FrameCode, data: v[2] as string };
  });
  return {
    header: {
      version: 2,
      width: header.width,
      height: header.height,
      timestamp: typeof header.timestamp === 'number' ? header.timestamp : 0,
      env: { TERM: String(env.TERM ?? ''), SHELL: String(env.SHELL ?? '') },
    },
    frames,
  };
}
