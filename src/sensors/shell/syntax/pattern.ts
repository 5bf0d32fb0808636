// bash glob patterns (* ? [...] with [!..] [^..] ranges and [:classes:]) as JavaScript regular expressions, for
// case, [[ == ]], ${v#p} and pathname expansion. Characters that were quoted arrive backslash-escaped.
import { userRegExp } from '../commands/regex.js';

const CLASSES: Record<string, string> = {
  alnum: 'A-Za-z0-9',
  alpha: 'A-Za-z',
  blank: ' \\t',
  cntrl: '\\x00-\\x1f\\x7f',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: ' \\t\\n\\r\\f\\v',
  upper: 'A-Z',
  word: 'A-Za-z0-9_',
  xdigit: '0-9A-Fa-f',
};

export interface PatternOptions {
  /** Pathname expansion: wildcards do not match `/`. */
  pathname?: boolean;
  /** Shortest matches (lazy wildcards), for ${v#p} and ${v%p}. */
  lazy?: boolean;
}

/** Escapes a literal string so it matches itself as a pattern. */
export function quotePattern(text: string): string {
  return text.replace(/[\\*?[\]]/g, '\\$&');
}

/** True when the pattern has an unescaped wildcard. */
export function hasGlob(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?') return true;
    else if (c === '[' && bracketEnd(pattern, i) !== -1) return true;
  }
  return false;
}

/** The pattern with escapes removed: what bash leaves when nothing matches. */
export function unescapePattern(pattern: string): string {
  return pattern.replace(/\\(.)/gs, '$1');
}

/** Regular-expression source (no anchors) for a glob pattern. */
export function patternSource(pattern: string, opts: PatternOptions = {}): string {
  const any = opts.pathname ? '[^/]' : '[\\s\\S]';
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) {
      out += escapeRegExp(pattern[++i]!);
    } else if (c === '*') {
      while (pattern[i + 1] === '*') i++;
      out += `${any}*${opts.lazy ? '?' : ''}`;
    } else if (c === '?') {
      out += any;
    } else if (c === '[') {
      const end = bracketEnd(pattern, i);
      if (end === -1) out += '\\[';
      else {
        out += bracketSource(pattern.slice(i + 1, end), opts.pathname === true);
        i = end;
      }
    } else out += escapeRegExp(c);
  }
  return out;
}

/** Whole-string match, as case and [[ == ]] test. */
export function matchPattern(text: string, pattern: string): boolean {
  return userRegExp(`^(?:${patternSource(pattern)})$`).test(text);
}

/** Values longer than this take the regular-expression shortcut for shortest suffixes (linear, not quadratic). */
const SCAN_LIMIT = 2048;

/** ${v#p} ${v##p} ${v%p} ${v%%p}: the value with the matched prefix or suffix removed. */
export function trimPattern(value: string, pattern: string, op: '#' | '##' | '%' | '%%'): string {
  if (op === '#' || op === '##') {
    const m = userRegExp(`^(?:${patternSource(pattern, { lazy: op === '#' })})`).exec(value);
    return m ? value.slice(m[0].length) : value;
  }
  if (op === '%%' || value.length > SCAN_LIMIT) {
    const m = userRegExp(`(?:${patternSource(pattern)})$`).exec(value);
    return m ? value.slice(0, m.index) : value;
  }
  const re = userRegExp(`^(?:${patternSource(pattern)})$`);
  for (let i = value.length; i >= 0; i--) if (re.test(value.slice(i))) return value.slice(0, i);
  return value;
}

/** ${v/p/r} and its //, /#, /% forms. */
export function replacePattern(value: string, pattern: string, replacement: string, op: '/' | '//' | '/#' | '/%'): string {
  if (pattern === '' && op !== '/#' && op !== '/%') return value;
  const src = patternSource(pattern);
  const anchored = op === '/#' ? `^(?:${src})` : op === '/%' ? `(?:${src})$` : `(?:${src})`;
  const re = userRegExp(anchored, op === '//' ? 'g' : '');
  return value.replace(re, (m) => (m === '' && op === '//' ? '' : replacement));
}

function bracketEnd(p: string, start: number): number {
  let j = start + 1;
  if (p[j] === '!' || p[j] === '^') j++;
  if (p[j] === ']') j++;
  for (; j < p.length; j++) {
    if (p[j] === '\\') j++;
    else if (p[j] === '[' && p[j + 1] === ':') {
      const close = p.indexOf(':]', j + 2);
      if (close !== -1) j = close + 1;
    } else if (p[j] === ']') return j;
  }
  return -1;
}

function bracketSource(body: string, pathname: boolean): string {
  let negate = false;
  let i = 0;
  if (body[0] === '!' || body[0] === '^') {
    negate = true;
    i = 1;
  }
  let set = '';
  /** The last single character added, which a following `-` may turn into a range start. */
  let prev: string | undefined;
  for (; i < body.length; i++) {
    const c = body[i]!;
    if (c === '[' && body[i + 1] === ':') {
      const close = body.indexOf(':]', i + 2);
      if (close !== -1) {
        set += CLASSES[body.slice(i + 2, close)] ?? '';
        prev = undefined;
        i = close + 1;
        continue;
      }
    }
    if (c === '-' && prev !== undefined && i + 1 < body.length && !(body[i + 1] === '[' && body[i + 2] === ':')) {
      const escaped = body[i + 1] === '\\' && i + 2 < body.length;
      const end = body[escaped ? i + 2 : i + 1]!;
      i += escaped ? 2 : 1;
      // A reversed range (z-a) matches nothing, as in bash; as a JS class it would not even compile.
      if (end.codePointAt(0)! >= prev.codePointAt(0)!) set += '-' + escapeClass(end);
      else set = set.slice(0, set.length - escapeClass(prev).length);
      prev = undefined;
      continue;
    }
    prev = c === '\\' && i + 1 < body.length ? body[++i]! : c;
    set += escapeClass(prev);
  }
  if (set === '') return negate ? (pathname ? '[^/]' : '[\\s\\S]') : '[^\\s\\S]';
  return negate ? `[^${set}${pathname ? '/' : ''}]` : `[${set}]`;
}

function escapeRegExp(c: string): string {
  return c.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

function escapeClass(c: string): string {
  return c.replace(/[\\\]^-]/g, '\\$&');
}
