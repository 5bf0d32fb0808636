// A streaming parser for the Telnet command layer (RFC 854/855): splits what the client sends into data
// bytes, commands (WILL/WONT/DO/DONT and the one-byte ones) and subnegotiations, whatever the chunking.

export const IAC = 255;
export const DONT = 254;
export const DO = 253;
export const WONT = 252;
export const WILL = 251;
export const SB = 250;
export const SE = 240;

export const OPT = {
  ECHO: 1,
  SGA: 3,
  STATUS: 5,
  TTYPE: 24,
  NAWS: 31,
  TSPEED: 32,
  LFLOW: 33,
  LINEMODE: 34,
  XDISPLOC: 35,
  OLD_ENVIRON: 36,
  NEW_ENVIRON: 39,
} as const;

export type IacEvent =
  | { kind: 'data'; bytes: Buffer }
  | { kind: 'negotiate'; verb: typeof WILL | typeof WONT | typeof DO | typeof DONT; option: number }
  /** A one-byte command (NOP, AYT, IP, BRK, ...); harmless, but kept so callers can react to IP or AYT. */
  | { kind: 'command'; code: number }
  | { kind: 'subneg'; option: number; data: Buffer }
  | { kind: 'error'; message: string; sample: Buffer };

/** netkit telnetd keeps 512 bytes of a subnegotiation; a longer one is an attack or garbage. */
export const DEFAULT_MAX_SUBNEG = 512;

type State = 'data' | 'iac' | 'verb' | 'sb-option' | 'sb' | 'sb-iac' | 'sb-discard' | 'sb-discard-iac';

export class IacParser {
  private state: State = 'data';
  private verb = 0;
  private option = 0;
  private sb: number[] = [];

  constructor(private readonly maxSubneg: number = DEFAULT_MAX_SUBNEG) {}

  /** Parse one chunk; events come out in wire order, with data runs between commands merged. */
  feed(chunk: Buffer): IacEvent[] {
    const out: IacEvent[] = [];
    let dataStart = -1;
    const data: Buffer[] = [];
    const flushData = (end: number): void => {
      if (dataStart >= 0 && end > dataStart) data.push(chunk.subarray(dataStart, end));
      dataStart = -1;
      if (data.length > 0) {
        out.push({ kind: 'data', bytes: Buffer.concat(data) });
        data.length = 0;
      }
    };
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      switch (this.state) {
        case 'data':
          if (b === IAC) {
            if (dataStart >= 0) data.push(chunk.subarray(dataStart, i));
            dataStart = -1;
            this.state = 'iac';
          } else if (dataStart < 0) dataStart = i;
          break;
        case 'iac':
          if (b === IAC) {
            // IAC IAC is a literal 0xff data byte.
            data.push(Buffer.from([IAC]));
            this.state = 'data';
          } else if (b === WILL || b === WONT || b === DO || b === DONT) {
            this.verb = b;
            this.state = 'verb';
          } else if (b === SB) {
            this.state = 'sb-option';
          } else {
            flushData(i);
            // A stray SE outside a subnegotiation is ignored by telnetd, as any other unknown command.
            out.push({ kind: 'command', code: b });
            this.state = 'data';
          }
          break;
        case 'verb':
          flushData(i);
          out.push({ kind: 'negotiate', verb: this.verb as typeof WILL, option: b });
          this.state = 'data';
          break;
        case 'sb-option':
          this.option = b;
          this.sb = [];
          this.state = 'sb';
          break;
        case 'sb':
          if (b === IAC) this.state = 'sb-iac';
          else this.pushSb(b, out);
          break;
        case 'sb-iac':
          if (b === SE) {
            flushData(i);
            out.push({ kind: 'subneg', option: this.option, data: Buffer.from(this.sb) });
            this.sb = [];
            this.state = 'data';
          } else if (b === IAC) {
            this.state = 'sb';
            this.pushSb(IAC, out);
          } else {
            // IAC followed by anything else inside SB: RFC 855 says the subnegotiation ended; keep what we had.
            flushData(i);
            out.push({ kind: 'subneg', option: this.option, data: Buffer.from(this.sb) });
            this.sb = [];
            this.state = 'iac';
            i--;
          }
          break;
        case 'sb-discard':
          if (b === IAC) this.state = 'sb-discard-iac';
          break;
        case 'sb-discard-iac':
          this.state = b === SE ? 'data' : 'sb-discard';
          break;
      }
    }
    flushData(chunk.length);
    return out;
  }

  private pushSb(b: number, out: IacEvent[]): void {
    if (this.sb.length < this.maxSubneg) {
      this.sb.push(b);
      return;
    }
    out.push({
      kind: 'error',
      message: `telnet subnegotiation of option ${this.option} longer than ${this.maxSubneg} bytes`,
      sample: Buffer.from([IAC, SB, this.option, ...this.sb.slice(0, 253)]),
    });
    this.sb = [];
    this.state = 'sb-discard';
  }
}

/** IAC <verb> <option> on the wire. */
export function negotiation(verb: number, option: number): Buffer {
  return Buffer.from([IAC, verb, option]);
}
