// POSIX basic/extended regular expressions (as grep, sed and awk take them) translated to JS RegExp source,
// compiled for V8's linear-time engine so an attacker's pattern cannot stall the process (ReDoS).
import { setFlagsFromString } from 'node:v8';

// Makes the `l` (linear) RegExp flag available; it changes nothing for RegExps created without it.
setFlagsFromString('--enable-experimental-regexp-engine');

const CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z',
  digit: '0-9',
  alnum: 'a-zA-Z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  cntrl: '\\x00-\\x1f\\x7f',
  print: '\\x20-\\x7e',
  graph: '\\x21-\\x7e',
};

/** Throws SyntaxError (from RegExp) on an unbalanced expression. */
export function toJsRegex(pattern: string, syntax: 'basic' | 'extended' | 'fixed'): string {
  if (syntax === 'fixed') return pattern.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '[') {
      const end = bracketEnd(pattern, i);
      if (end < 0) throw new SyntaxError('Unmatched [');
      out += bracket(pattern.slice(i + 1, end));
      i = end;
    } else if (c === '\\') {
      const n = pattern[++i];
      if (n === undefined) out += '\\\\';
      else if (syntax === 'basic' && '(){}|+?'.includes(n)) out += n;
      else if ('<>'.includes(n)) out += '\\b';
      else if ('wWsSbB'.includes(n) || /[0-9]/.test(n)) out += '\\' + n;
      else out += /[a-zA-Z]/.test(n) ? n : '\\' + n;
    } else if (syntax === 'basic' && '(){}|+?'.includes(c)) out += '\\' + c;
    else if (c === '/') out += '\\/';
    else if (c === '*' && (out === '' || out === '^')) out += '\\*';
    else out += c;
  }
  new RegExp(out);
  return out;
}

function bracketEnd(p: string, start: number): number {
  let i = start + 1;
  if (p[i] === '^') i++;
  if (p[i] === ']') i++;
  for (; i < p.length; i++) {
    if (p[i] === '[' && p[i + 1] === ':') {
      const close = p.indexOf(':]', i + 2);
      if (close > 0) i = close + 1;
    } else if (p[i] === ']') return i;
  }
  return -1;
}

function bracket(body: string): string {
  let out = '[';
  let i = 0;
  if (body.startsWith('^')) {
    out += '^';
    i = 1;
  }
  for (let first = true; i < body.length; i++, first = false) {
    const c = body[i]!;
    const cls = c === '[' && body[i + 1] === ':' ? /^\[:([a-z]+):\]/.exec(body.slice(i)) : null;
    if (cls) {
      out += CLASSES[cls[1]!] ?? '';
      i += cls[0].length - 1;
    } else if (c === '\\' || c === '[' || (c === ']' && first)) out += '\\' + c;
    else out += c;
  }
  return out + ']';
}

/**
 * Compiles attacker-supplied source with the linear engine. Patterns it cannot run (back-references) fall back
 * to backtracking only when no quantified group holds a quantifier, the shape of catastrophic backtracking.
 * Throws SyntaxError for invalid or unsafe patterns.
 */
export function userRegExp(source: string, flags = ''): RegExp {
  try {
    return new RegExp(source, flags + 'l');
  } catch (e) {
    if (!(e instanceof SyntaxError) || !e.message.includes('linear')) throw e;
  }
  if (/\)[*+?{]/.test(source) && /\([^)]*[*+{][^)]*\)[*+{]/.test(source)) throw new SyntaxError('pattern too complex');
  return new RegExp(source, flags);
}
