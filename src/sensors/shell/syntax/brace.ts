// Brace expansion ({a,b}, {1..5}, {a..e}, {01..10..2}), done first on a word as bash does; only braces written
// unquoted count. The number of words one expansion may yield is capped (bash would exhaust memory).
import type { Word, WordPart } from './ast.js';

export const MAX_BRACE_WORDS = 65536;

/** A word as a sequence of unquoted characters (which braces act on) and opaque parts. */
type Atom = string | WordPart;

export function braceExpand(word: Word): Word[] {
  if (!word.parts.some((p) => p.kind === 'text' && !p.quoted && p.value.includes('{'))) return [word];
  const atoms: Atom[] = [];
  for (const p of word.parts) {
    if (p.kind === 'text' && !p.quoted) atoms.push(...p.value);
    else atoms.push(p);
  }
  return expandAtoms(atoms, 0).map(toWord);
}

function expandAtoms(atoms: Atom[], depth: number): Atom[][] {
  if (depth > 32) return [atoms];
  for (let open = 0; open < atoms.length; open++) {
    if (atoms[open] !== '{') continue;
    const group = findGroup(atoms, open);
    if (!group) continue;
    const prefix = atoms.slice(0, open);
    const suffix = atoms.slice(group.close + 1);
    const out: Atom[][] = [];
    const tails = expandAtoms(suffix, depth + 1);
    for (const alt of group.alternatives) {
      for (const a of expandAtoms(alt, depth + 1)) {
        for (const t of tails) {
          if (out.length >= MAX_BRACE_WORDS) return out;
          out.push([...prefix, ...a, ...t]);
        }
      }
    }
    return out;
  }
  return [atoms];
}

/** The alternatives of the brace group opening at `open`, or undefined when it is not a valid group. */
function findGroup(atoms: Atom[], open: number): { close: number; alternatives: Atom[][] } | undefined {
  let depth = 0;
  const commas: number[] = [];
  for (let i = open; i < atoms.length; i++) {
    const a = atoms[i];
    if (a === '{') depth++;
    else if (a === '}') {
      depth--;
      if (depth === 0) {
        const inner = atoms.slice(open + 1, i);
        if (commas.length > 0) {
          const alternatives: Atom[][] = [];
          let start = open + 1;
          for (const c of [...commas, i]) {
            alternatives.push(atoms.slice(start, c));
            start = c + 1;
          }
          return { close: i, alternatives };
        }
        const seq = sequence(inner);
        return seq ? { close: i, alternatives: seq.map((s) => [...s]) } : undefined;
      }
    } else if (a === ',' && depth === 1) commas.push(i);
  }
  return undefined;
}

/** {x..y[..step]} over integers or single letters. */
function sequence(inner: Atom[]): string[] | undefined {
  if (!inner.every((a) => typeof a === 'string')) return undefined;
  const text = inner.join('');
  const num = /^(-?\d+)\.\.(-?\d+)(?:\.\.(-?\d+))?$/.exec(text);
  if (num) {
    const from = Number(num[1]);
    const to = Number(num[2]);
    let step = Math.abs(Number(num[3] ?? 1)) || 1;
    if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to)) return undefined;
    const width = /^-?0\d/.test(num[1]!) || /^-?0\d/.test(num[2]!) ? Math.max(num[1]!.length, num[2]!.length) : 0;
    const out: string[] = [];
    if (from > to) step = -step;
    for (let v = from; from <= to ? v <= to : v >= to; v += step) {
      if (out.length >= MAX_BRACE_WORDS) break;
      const s = String(Math.abs(v)).padStart(width - (v < 0 ? 1 : 0), '0');
      out.push(v < 0 ? '-' + s : s);
    }
    return out;
  }
  const chr = /^([A-Za-z])\.\.([A-Za-z])(?:\.\.(-?\d+))?$/.exec(text);
  if (chr) {
    const from = chr[1]!.charCodeAt(0);
    const to = chr[2]!.charCodeAt(0);
    const step = Math.abs(Number(chr[3] ?? 1)) || 1;
    const out: string[] = [];
    for (let v = from; from <= to ? v <= to : v >= to; v += from <= to ? step : -step) out.push(String.fromCharCode(v));
    return out;
  }
  return undefined;
}

function toWord(atoms: Atom[]): Word {
  const parts: WordPart[] = [];
  let text = '';
  for (const a of atoms) {
    if (typeof a === 'string') text += a;
    else {
      if (text) parts.push({ kind: 'text', value: text, quoted: false });
      text = '';
      parts.push(a);
    }
  }
  if (text) parts.push({ kind: 'text', value: text, quoted: false });
  return { parts };
}
