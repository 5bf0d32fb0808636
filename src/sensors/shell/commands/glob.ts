// fnmatch(3) patterns (find -name, case patterns) as anchored JS RegExps: *, ?, [...] and [!...];
// compiled for the linear engine so `-name '*a*a*a*b'` cannot stall the process.
import { userRegExp } from './regex.js';

const escape = (c: string): string => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

export function globToRegExp(pattern: string, ignoreCase = false): RegExp {
  let src = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') src += '.*';
    else if (c === '?') src += '.';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) src += '\\[';
      else {
        let body = pattern.slice(i + 1, close);
        if (body.startsWith('!')) body = '^' + body.slice(1);
        src += '[' + body.replace(/\\/g, '\\\\') + ']';
        i = close;
      }
    } else if (c === '\\' && i + 1 < pattern.length) src += escape(pattern[++i]!);
    else src += escape(c);
  }
  try {
    return userRegExp(`^${src}$`, ignoreCase ? 'is' : 's');
  } catch {
    return new RegExp(`^${[...pattern].map(escape).join('')}$`, ignoreCase ? 'is' : 's');
  }
}
