// Parsing the arguments of MAIL FROM and RCPT TO the way Postfix's smtpd accepts them (lenient, RFC 821 optional).

export type EnvelopeResult =
  | { ok: true; address: string; params: string[] }
  | { ok: false; problem: 'syntax' | 'address' };

/** `arg` is what follows the verb, e.g. "FROM:<a@b> SIZE=12". `keyword` is "FROM" or "TO". */
export function parseEnvelope(arg: string, keyword: 'FROM' | 'TO'): EnvelopeResult {
  const prefix = keyword + ':';
  if (arg.slice(0, prefix.length).toUpperCase() !== prefix) return { ok: false, problem: 'syntax' };
  const rest = arg.slice(prefix.length).trim();
  if (rest === '') return { ok: false, problem: 'syntax' };
  let address: string;
  let tail: string;
  if (rest.startsWith('<')) {
    const close = rest.indexOf('>');
    if (close < 0) return { ok: false, problem: 'address' };
    address = rest.slice(1, close);
    tail = rest.slice(close + 1);
  } else {
    const space = rest.search(/\s/);
    address = space < 0 ? rest : rest.slice(0, space);
    tail = space < 0 ? '' : rest.slice(space);
  }
  if (/[\s<>]/.test(address)) return { ok: false, problem: 'address' };
  const params = tail.trim() === '' ? [] : tail.trim().split(/\s+/);
  return { ok: true, address, params };
}

const MAIL_PARAMS = new Set(['SIZE', 'BODY', 'RET', 'ENVID', 'SMTPUTF8', 'AUTH']);
const RCPT_PARAMS = new Set(['NOTIFY', 'ORCPT']);

export type ParamProblem = { kind: 'unsupported'; param: string } | { kind: 'bad_size' } | { kind: 'too_big' };

/** The first problem with MAIL or RCPT parameters, or undefined when Postfix would accept them. */
export function checkParams(params: readonly string[], verb: 'MAIL' | 'RCPT', sizeLimit: number): ParamProblem | undefined {
  const known = verb === 'MAIL' ? MAIL_PARAMS : RCPT_PARAMS;
  for (const p of params) {
    const eq = p.indexOf('=');
    const name = (eq < 0 ? p : p.slice(0, eq)).toUpperCase();
    if (!known.has(name)) return { kind: 'unsupported', param: p };
    if (name === 'SIZE') {
      const value = eq < 0 ? '' : p.slice(eq + 1);
      if (!/^\d{1,15}$/.test(value)) return { kind: 'bad_size' };
      if (Number(value) > sizeLimit) return { kind: 'too_big' };
    }
  }
  return undefined;
}
