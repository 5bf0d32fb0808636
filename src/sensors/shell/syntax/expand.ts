// Word expansion in bash's order: braces, tilde, parameters / command substitution / arithmetic, field splitting
// on IFS, pathname globbing, quote removal. The shell supplies variables, substitutions and directory listings.
import type { List, Word, WordPart } from './ast.js';
import { ArithError, evalArith } from './arith.js';
import { braceExpand } from './brace.js';
import { userRegExp } from '../commands/regex.js';
import { hasGlob, patternSource, quotePattern, replacePattern, trimPattern, unescapePattern } from './pattern.js';

/** An expansion bash refuses (bad substitution, ${x:?}, arithmetic errors): the command does not run. */
export class ExpansionError extends Error {
  constructor(
    message: string,
    readonly status = 1,
  ) {
    super(message);
  }
}

export interface ExpandHost {
  /** A parameter's value ($?, $1, $#, names ...); undefined when unset. */
  param(name: string): string | undefined;
  positional(): readonly string[];
  setVar(name: string, value: string): void;
  /** Runs a command substitution and returns what it printed. */
  substitute(list: List): Promise<string>;
  /** ~ and ~name; undefined for unknown users. */
  home(user: string): string | undefined;
  cwd(): string;
  /** Names in an absolute directory, or undefined when it is not one. */
  readdir(dir: string): readonly string[] | undefined;
  /** set -f */
  noglob(): boolean;
  /** set -u */
  nounset(): boolean;
}

/** Most fields one word may expand to (globs and "$@" included). */
const MAX_FIELDS = 65536;

interface Field {
  text: string;
  /** The same text as a glob pattern: quoted characters escaped. */
  pat: string;
  glob: boolean;
}

/** A command's words: every expansion, splitting and globbing. */
export async function expandFields(words: readonly Word[], host: ExpandHost): Promise<string[]> {
  const out: string[] = [];
  for (const w of words) {
    for (const b of braceExpand(w)) {
      for (const f of await new Expander(host, true).run(b)) {
        if (out.length >= MAX_FIELDS) return out;
        out.push(f);
      }
    }
  }
  return out;
}

/** One string, no splitting or globbing: assignments, redirection targets, case words, here-documents. */
export async function expandString(word: Word, host: ExpandHost, tilde = true): Promise<string> {
  const e = new Expander(host, false);
  e.tilde = tilde;
  return (await e.run(word)).join(' ');
}

/** A pattern (case, [[ == ]], ${v#p}): quoted characters escaped so they match literally. */
export async function expandPattern(word: Word, host: ExpandHost): Promise<string> {
  const e = new Expander(host, false);
  e.asPattern = true;
  return (await e.run(word)).join('');
}

/** IFS splitting of a string on its own (read, for over $(...)). */
export function splitFields(text: string, ifs: string | undefined): string[] {
  return ifsSplit(text, ifs ?? ' \t\n').words;
}

class Expander {
  private fields: Field[] = [];
  private cur: Field | undefined;
  tilde = true;
  asPattern = false;

  constructor(
    private readonly host: ExpandHost,
    private readonly split: boolean,
  ) {}

  async run(word: Word): Promise<string[]> {
    const parts = this.tilde ? this.expandTilde(word.parts) : word.parts;
    for (const p of parts) await this.part(p, false);
    this.finish();
    if (this.asPattern) return this.fields.map((f) => f.pat);
    if (!this.split) return this.fields.length === 0 ? [''] : [this.fields.map((f) => f.text).join(' ')];
    const out: string[] = [];
    for (const f of this.fields) {
      if (f.glob && !this.host.noglob() && hasGlob(f.pat)) {
        const matches = globPaths(f.pat, this.host);
        if (matches.length > 0) {
          out.push(...matches);
          continue;
        }
        out.push(unescapePattern(f.pat));
      } else out.push(f.text);
    }
    return out;
  }

  private start(): Field {
    this.cur ??= { text: '', pat: '', glob: false };
    return this.cur;
  }

  private finish(): void {
    if (this.cur && this.fields.length < MAX_FIELDS) this.fields.push(this.cur);
    this.cur = undefined;
  }

  private literal(s: string, quoted: boolean): void {
    const f = this.start();
    f.text += s;
    f.pat += quoted ? quotePattern(s) : s;
    if (!quoted) f.glob = true;
  }

  /** The result of an unquoted expansion: split on IFS (when splitting), globbed later. */
  private splittable(s: string): void {
    if (!this.split) {
      if (s !== '') this.literal(s, this.asPattern ? false : false);
      return;
    }
    if (s === '') return;
    const { words, lead, trail } = ifsSplit(s, this.host.param('IFS') ?? ' \t\n');
    if (lead) this.finish();
    words.forEach((w, i) => {
      if (i > 0) this.finish();
      this.literal(w, false);
    });
    if (trail && words.length > 0) this.finish();
  }

  private expandTilde(parts: readonly WordPart[]): readonly WordPart[] {
    const first = parts[0];
    if (!first || first.kind !== 'text' || first.quoted || !first.value.startsWith('~')) return parts;
    const slash = first.value.indexOf('/');
    const prefix = slash === -1 ? first.value : first.value.slice(0, slash);
    if (slash === -1 && parts.length > 1) return parts;
    const user = prefix.slice(1);
    const home = user === '' ? (this.host.param('HOME') ?? '') : user === '+' ? this.host.cwd() : user === '-' ? this.host.param('OLDPWD') : this.host.home(user);
    if (home === undefined) return parts;
    return [{ kind: 'text', value: home, quoted: true }, ...(prefix.length < first.value.length ? [{ kind: 'text' as const, value: first.value.slice(prefix.length), quoted: false }] : []), ...parts.slice(1)];
  }

  /** `inArg`: the part sits in an unquoted ${x:-...} operand, whose text splits like an expansion. */
  private async part(p: WordPart, inArg: boolean): Promise<void> {
    switch (p.kind) {
      case 'text':
        if (p.quoted || !inArg) this.literal(p.value, p.quoted);
        else this.splittable(p.value);
        return;
      case 'command': {
        const out = (await this.host.substitute(p.list)).replace(/\n+$/, '');
        if (p.quoted) this.literal(out, true);
        else this.splittable(out);
        return;
      }
      case 'arith': {
        const value = await this.arith(p.expr);
        if (p.quoted) this.literal(value, true);
        else this.splittable(value);
        return;
      }
      case 'param':
        return this.param(p);
    }
  }

  private async arith(expr: Word): Promise<string> {
    const text = await expandString(expr, this.host, false);
    try {
      return evalArith(text, { get: (n) => this.host.param(n), set: (n, v) => this.host.setVar(n, v) }).toString();
    } catch (e) {
      if (e instanceof ArithError) throw new ExpansionError(`${text.trimStart()}: ${e.message} (error token is "${e.token}")`);
      throw e;
    }
  }

  private async param(p: WordPart & { kind: 'param' }): Promise<void> {
    if (p.bad !== undefined) throw new ExpansionError(`${p.bad}: bad substitution`);
    const h = this.host;
    const isList = p.name === '@' || p.name === '*';
    const value = h.param(p.name);
    const op = p.op;
    if (op === undefined) {
      if (value === undefined && h.nounset() && !isList && !/^[?#$!0-]$/.test(p.name)) throw new ExpansionError(`${p.name}: unbound variable`);
      return this.emitValue(p, value ?? '');
    }
    switch (op) {
      case 'length': {
        const n = isList ? h.positional().length : [...(value ?? '')].length;
        return this.emit(String(n), p.quoted);
      }
      case 'indirect': {
        const target = value ?? '';
        return this.emit(h.param(target) ?? '', p.quoted);
      }
      case ':-':
      case '-':
      case ':=':
      case '=': {
        const unset = isList ? h.positional().length === 0 : value === undefined || (op.startsWith(':') && value === '');
        if (!unset) return this.emitValue(p, value ?? '');
        if (op === ':=' || op === '=') {
          if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(p.name)) throw new ExpansionError(`$${p.name}: cannot assign in this way`);
          const v = await expandString(p.arg ?? { parts: [] }, h);
          h.setVar(p.name, v);
          return this.emit(v, p.quoted);
        }
        for (const a of p.arg?.parts ?? []) await this.part(a, !p.quoted);
        return;
      }
      case ':+':
      case '+': {
        const set = isList ? h.positional().length > 0 : value !== undefined && (op === '+' || value !== '');
        if (set) for (const a of p.arg?.parts ?? []) await this.part(a, !p.quoted);
        return;
      }
      case ':?':
      case '?': {
        const unset = value === undefined || (op === ':?' && value === '');
        if (!unset) return this.emitValue(p, value ?? '');
        const msg = p.arg && p.arg.parts.length > 0 ? await expandString(p.arg, h) : 'parameter null or not set';
        throw new ExpansionError(`${p.name}: ${msg}`, 127);
      }
      case '#':
      case '##':
      case '%':
      case '%%': {
        const pat = await expandPattern(p.arg ?? { parts: [] }, h);
        const apply = (v: string): string => trimPattern(v, pat, op);
        return this.emitMapped(p, value, apply);
      }
      case '/':
      case '//':
      case '/#':
      case '/%': {
        const pat = await expandPattern(p.arg ?? { parts: [] }, h);
        const rep = p.arg2 ? await expandString(p.arg2, h) : '';
        return this.emitMapped(p, value, (v) => replacePattern(v, pat, rep, op));
      }
      case '^':
      case '^^':
      case ',':
      case ',,': {
        const upper = op.startsWith('^');
        const all = op.length === 2;
        const conv = (v: string): string => {
          const f = (s: string): string => (upper ? s.toUpperCase() : s.toLowerCase());
          return all ? f(v) : f(v.slice(0, 1)) + v.slice(1);
        };
        return this.emitMapped(p, value, conv);
      }
      case 'substring': {
        const off = Number(await this.arith(p.arg ?? { parts: [] }));
        const len = p.arg2 ? Number(await this.arith(p.arg2)) : undefined;
        if (isList) {
          const all = [h.param('0') ?? '', ...h.positional()];
          const start = off < 0 ? Math.max(0, all.length + off) : off;
          const end = len === undefined ? all.length : len < 0 ? all.length + len : start + len;
          return this.emitList(all.slice(start, Math.max(start, end)), p);
        }
        const v = value ?? '';
        const start = off < 0 ? Math.max(0, v.length + off) : Math.min(off, v.length);
        if (len !== undefined && len < 0 && v.length + len < start) throw new ExpansionError(`${len}: substring expression < 0`);
        const end = len === undefined ? v.length : len < 0 ? v.length + len : start + len;
        return this.emit(v.slice(start, end), p.quoted);
      }
    }
  }

  private emit(v: string, quoted: boolean): void {
    if (quoted) this.literal(v, true);
    else this.splittable(v);
  }

  /** A plain value; "$@" and $* keep positional parameters as separate fields. */
  private emitValue(p: WordPart & { kind: 'param' }, value: string): void {
    if (p.name === '@' || p.name === '*') return this.emitList([...this.host.positional()], p);
    this.emit(value, p.quoted);
  }

  private emitMapped(p: WordPart & { kind: 'param' }, value: string | undefined, f: (v: string) => string): void {
    if (p.name === '@' || p.name === '*') return this.emitList(this.host.positional().map(f), p);
    this.emit(f(value ?? ''), p.quoted);
  }

  private emitList(items: readonly string[], p: WordPart & { kind: 'param' }): void {
    if (p.quoted && p.name === '*') {
      const ifs = this.host.param('IFS');
      return this.literal(items.join(ifs === undefined ? ' ' : ifs.slice(0, 1)), true);
    }
    if (p.quoted && this.split) {
      items.forEach((item, i) => {
        if (i > 0) this.finish();
        this.literal(item, true);
      });
      return;
    }
    if (!this.split) return this.emit(items.join(' '), p.quoted);
    items.forEach((item, i) => {
      if (i > 0) this.finish();
      this.splittable(item);
    });
  }
}

/** Splits on IFS: runs of IFS whitespace separate; each other IFS character separates on its own. */
function ifsSplit(s: string, ifs: string): { words: string[]; lead: boolean; trail: boolean } {
  if (ifs === '') return { words: [s], lead: false, trail: false };
  const isWs = (c: string): boolean => ifs.includes(c) && (c === ' ' || c === '\t' || c === '\n');
  const isSep = (c: string): boolean => ifs.includes(c);
  const words: string[] = [];
  let i = 0;
  const lead = s.length > 0 && isSep(s[0]!);
  while (i < s.length && isWs(s[i]!)) i++;
  let word = '';
  let pending = false;
  while (i < s.length) {
    const c = s[i]!;
    if (!isSep(c)) {
      word += c;
      pending = true;
      i++;
      continue;
    }
    // One delimiter: IFS whitespace around at most one non-whitespace IFS character.
    while (i < s.length && isWs(s[i]!)) i++;
    if (i < s.length && isSep(s[i]!) && !isWs(s[i]!)) {
      i++;
      while (i < s.length && isWs(s[i]!)) i++;
      words.push(word);
    } else if (pending || word !== '') words.push(word);
    word = '';
    pending = false;
  }
  const trail = s.length > 0 && isSep(s[s.length - 1]!);
  if (pending) words.push(word);
  return { words, lead, trail };
}

/** Most names one glob may return. */
const MAX_MATCHES = 4096;

function globPaths(pattern: string, host: ExpandHost): string[] {
  const absolute = pattern.startsWith('/');
  const comps = pattern.split('/').filter((c, i) => c !== '' || i === 0);
  let bases: { shown: string; real: string }[] = [{ shown: absolute ? '/' : '', real: absolute ? '/' : host.cwd() }];
  if (absolute) comps.shift();
  for (const [i, comp] of comps.entries()) {
    const last = i === comps.length - 1;
    const next: { shown: string; real: string }[] = [];
    for (const b of bases) {
      if (next.length >= MAX_MATCHES) break;
      const join = (name: string): { shown: string; real: string } => ({
        shown: b.shown === '' ? name : b.shown.endsWith('/') ? b.shown + name : `${b.shown}/${name}`,
        real: b.real.endsWith('/') ? b.real + name : `${b.real}/${name}`,
      });
      if (!hasGlob(comp)) {
        const name = unescapePattern(comp);
        if (last || comps.slice(i + 1).some(hasGlob)) {
          const entries = host.readdir(b.real);
          if (name === '.' || name === '..' || entries?.includes(name)) next.push(join(name));
        } else next.push(join(name));
        continue;
      }
      const entries = host.readdir(b.real);
      if (!entries) continue;
      const re = userRegExp(`^(?:${patternSource(comp, { pathname: true })})$`);
      const dotOk = comp.startsWith('.') || comp.startsWith('\\.');
      for (const e of entries) {
        if (e.startsWith('.') && !dotOk) continue;
        if (re.test(e)) next.push(join(e));
        if (next.length >= MAX_MATCHES) break;
      }
    }
    bases = next;
    if (bases.length === 0) return [];
  }
  return bases.map((b) => b.shown).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
