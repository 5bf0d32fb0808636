// Redis's stringmatch glob (KEYS, CONFIG GET): * ? [set] [^set] [a-z] and backslash escapes, matched
// without backtracking (time bounded by pattern × subject) so a hostile pattern cannot stall the sensor.

type Token = { t: 'star' } | { t: 'any' } | { t: 'set'; negate: boolean; ranges: [number, number][] } | { t: 'lit'; c: number };

/** Patterns with more tokens than this match nothing (Redis would try; no real key is that long). */
const MAX_TOKENS = 256;

function tokens(pattern: string, fold: (c: number) => number): Token[] | undefined {
  const out: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    if (out.length > MAX_TOKENS) return undefined;
    const c = pattern.charCodeAt(i);
    if (c === 0x2a) {
      if (out.at(-1)?.t !== 'star') out.push({ t: 'star' });
    } else if (c === 0x3f) out.push({ t: 'any' });
    else if (c === 0x5c && i + 1 < pattern.length) out.push({ t: 'lit', c: fold(pattern.charCodeAt(++i)) });
    else if (c === 0x5b) {
      let j = i + 1;
      const negate = pattern[j] === '^';
      if (negate) j++;
      const ranges: [number, number][] = [];
      while (j < pattern.length && pattern[j] !== ']') {
        if (pattern[j] === '\\' && j + 1 < pattern.length) j++;
        const lo = fold(pattern.charCodeAt(j));
        if (pattern[j + 1] === '-' && j + 2 < pattern.length && pattern[j + 2] !== ']') {
          const hi = fold(pattern.charCodeAt(j + 2));
          ranges.push(lo <= hi ? [lo, hi] : [hi, lo]);
          j += 3;
        } else {
          ranges.push([lo, lo]);
          j++;
        }
      }
      // Like Redis, an unclosed [ runs to the end of the pattern.
      out.push({ t: 'set', negate, ranges });
      i = j;
    } else out.push({ t: 'lit', c: fold(c) });
  }
  return out;
}

const one = (tok: Token, c: number): boolean => {
  if (tok.t === 'any') return true;
  if (tok.t === 'lit') return tok.c === c;
  if (tok.t === 'set') return tok.ranges.some(([lo, hi]) => c >= lo && c <= hi) !== tok.negate;
  return false;
};

export function globMatcher(pattern: string, nocase: boolean): (s: string) => boolean {
  const fold = nocase ? (c: number) => (c >= 0x41 && c <= 0x5a ? c + 32 : c) : (c: number) => c;
  const toks = tokens(pattern, fold);
  if (!toks) return () => false;
  return (s) => {
    let p = 0;
    let i = 0;
    let starP = -1;
    let starI = 0;
    while (i < s.length) {
      const tok = toks[p];
      if (tok?.t === 'star') {
        starP = p++;
        starI = i;
      } else if (tok && one(tok, fold(s.charCodeAt(i)))) {
        p++;
        i++;
      } else if (starP >= 0) {
        p = starP + 1;
        i = ++starI;
      } else return false;
    }
    while (toks[p]?.t === 'star') p++;
    return p === toks.length;
  };
}
