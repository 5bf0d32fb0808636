// Decoding the client's subnegotiation replies that telnetd asks for: terminal type, speed, window size
// (NAWS) and environment (NEW-ENVIRON, RFC 1572). Malformed replies decode to undefined, never throw.
import { OPT } from './iac.js';

const IS = 0;
const SEND = 1;
const ENV_VAR = 0;
const ENV_VALUE = 1;
const ENV_ESC = 2;
const ENV_USERVAR = 3;

export type Suboption =
  | { option: 'ttype'; value: string }
  | { option: 'tspeed'; value: string }
  | { option: 'xdisploc'; value: string }
  | { option: 'naws'; width: number; height: number }
  | { option: 'environ'; vars: [string, string][] };

/** Longest name or value we keep from an environment reply. */
const MAX_TEXT = 256;

const text = (b: Buffer): string => b.subarray(0, MAX_TEXT).toString('latin1');

export function decodeSuboption(option: number, data: Buffer): Suboption | undefined {
  switch (option) {
    case OPT.NAWS:
      if (data.length !== 4) return undefined;
      return { option: 'naws', width: data.readUInt16BE(0), height: data.readUInt16BE(2) };
    case OPT.TTYPE:
      return data[0] === IS ? { option: 'ttype', value: text(data.subarray(1)) } : undefined;
    case OPT.TSPEED:
      return data[0] === IS ? { option: 'tspeed', value: text(data.subarray(1)) } : undefined;
    case OPT.XDISPLOC:
      return data[0] === IS ? { option: 'xdisploc', value: text(data.subarray(1)) } : undefined;
    case OPT.NEW_ENVIRON:
      return data[0] === IS || data[0] === 2 /* INFO */ ? { option: 'environ', vars: decodeEnviron(data.subarray(1)) } : undefined;
    default:
      return undefined;
  }
}

/** VAR name VALUE value ... with ESC quoting; at most 64 variables. */
function decodeEnviron(data: Buffer): [string, string][] {
  const vars: [string, string][] = [];
  let name: number[] | undefined;
  let value: number[] | undefined;
  const finish = (): void => {
    if (name && vars.length < 64) vars.push([text(Buffer.from(name)), text(Buffer.from(value ?? []))]);
    name = undefined;
    value = undefined;
  };
  for (let i = 0; i < data.length; i++) {
    let b = data[i]!;
    if (b === ENV_VAR || b === ENV_USERVAR) {
      finish();
      name = [];
    } else if (b === ENV_VALUE) {
      value = [];
    } else {
      if (b === ENV_ESC && i + 1 < data.length) b = data[++i]!;
      const target = value ?? name;
      if (target && target.length < MAX_TEXT) target.push(b);
    }
  }
  finish();
  return vars;
}

/** IAC SB <option> SEND IAC SE: the server's request for a subnegotiation reply. */
export function sendRequest(option: number): Buffer {
  return Buffer.from([255, 250, option, SEND, 255, 240]);
}
