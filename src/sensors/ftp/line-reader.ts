// Splits the FTP control stream into command lines as vsftpd does (LF ends a line, a CR before it is dropped),
// with vsftpd's line limit; overlong lines and lines with NUL or invalid UTF-8 come out as malformed.

/** vsftpd's VSFTP_MAX_COMMAND_LINE. */
export const MAX_COMMAND_LINE = 4096;

export type LineItem = { kind: 'line'; text: string } | { kind: 'malformed'; message: string; data: Buffer };

const utf8 = new TextDecoder('utf-8', { fatal: true });

export class LineReader {
  private parts: Buffer[] = [];
  private size = 0;
  /** Inside an overlong line: bytes are dropped until the next LF. */
  private skipping = false;

  /** Feed received bytes; returns the complete items they finish. Holds at most MAX_COMMAND_LINE bytes. */
  push(chunk: Buffer): LineItem[] {
    const out: LineItem[] = [];
    let start = 0;
    while (start < chunk.length) {
      const lf = chunk.indexOf(0x0a, start);
      const end = lf < 0 ? chunk.length : lf;
      const piece = chunk.subarray(start, end);
      if (this.skipping) {
        if (lf >= 0) this.skipping = false;
      } else if (this.size + piece.length > MAX_COMMAND_LINE) {
        const sample = Buffer.concat([...this.parts, piece]).subarray(0, 256);
        out.push({ kind: 'malformed', message: `command line longer than ${MAX_COMMAND_LINE} bytes`, data: sample });
        this.reset();
        this.skipping = lf < 0;
      } else {
        this.parts.push(piece);
        this.size += piece.length;
        if (lf >= 0) {
          out.push(decode(Buffer.concat(this.parts)));
          this.reset();
        }
      }
      start = end + 1;
    }
    return out;
  }

  private reset(): void {
    this.parts = [];
    this.size = 0;
  }
}

/** Telnet IP and DM (and the IAC before each) that clients send ahead of an urgent ABOR. */
function stripTelnetSync(line: Buffer): Buffer {
  let i = 0;
  while (i < line.length && (line[i] === 0xff || line[i] === 0xf4 || line[i] === 0xf2)) i++;
  return i > 0 && i < line.length ? line.subarray(i) : line;
}

function decode(raw: Buffer): LineItem {
  let line = raw.length > 0 && raw[raw.length - 1] === 0x0d ? raw.subarray(0, -1) : raw;
  line = stripTelnetSync(line);
  if (line.includes(0)) return { kind: 'malformed', message: 'NUL byte in command line', data: raw.subarray(0, 256) };
  try {
    return { kind: 'line', text: utf8.decode(line) };
  } catch {
    return { kind: 'malformed', message: 'command line is not valid UTF-8', data: raw.subarray(0, 256) };
  }
}

/** vsftpd's split: the verb (upper-cased) up to the first space, the rest verbatim as the argument. */
export function splitCommand(line: string): { command: string; argument: string } {
  const sp = line.indexOf(' ');
  if (sp < 0) return { command: line.toUpperCase(), argument: '' };
  return { command: line.slice(0, sp).toUpperCase(), argument: line.slice(sp + 1) };
}
