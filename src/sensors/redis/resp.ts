// RESP2 reply encoding, as Redis writes it.

export type Reply = Buffer;

const CRLF = '\r\n';

export const simple = (s: string): Reply => Buffer.from(`+${s}${CRLF}`, 'latin1');
export const OK = simple('OK');

/** An error reply; Redis turns CR and LF inside error texts into spaces so the protocol stays intact. */
export const error = (s: string): Reply => Buffer.from(`-${s.replace(/[\r\n]/g, ' ')}${CRLF}`, 'utf8');

export const integer = (n: number): Reply => Buffer.from(`:${n}${CRLF}`, 'latin1');

export const NIL = Buffer.from(`$-1${CRLF}`, 'latin1');

export function bulk(v: Buffer | string | null): Reply {
  if (v === null) return NIL;
  const b = typeof v === 'string' ? Buffer.from(v, 'utf8') : v;
  return Buffer.concat([Buffer.from(`$${b.length}${CRLF}`, 'latin1'), b, Buffer.from(CRLF, 'latin1')]);
}

/** An array of already encoded replies. */
export function array(items: Reply[]): Reply {
  return Buffer.concat([Buffer.from(`*${items.length}${CRLF}`, 'latin1'), ...items]);
}

export const bulkArray = (items: (Buffer | string)[]): Reply => array(items.map((i) => bulk(i)));
