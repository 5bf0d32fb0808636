// sed (GNU sed 4.9), a bounded subset: s///[gpNiI], d, p, q, =, y, a/i/c one-liners, with line, $, /re/
// and range addresses and `!`; -n -e -E/-r -s -i (in place through the session's file system).
// Commands outside the subset get sed's own "unknown command" text, as a script error would.
import type { Command } from '../command.js';
import { fsOf, linesOf, readPath, resolvePath } from '../system/fs.js';
import { toJsRegex, userRegExp } from './regex.js';

type Addr = { kind: 'line'; n: number } | { kind: 'last' } | { kind: 're'; re: RegExp };
interface Cmd {
  a1?: Addr;
  a2?: Addr;
  negate: boolean;
  op: string;
  /** s: the pattern; y: source set. */
  re?: RegExp;
  replacement?: string;
  global?: boolean;
  nth?: number;
  print?: boolean;
  text?: string;
  from?: string;
  to?: string;
  exit?: number;
  inRange: boolean;
}

class SedError extends Error {}

const USAGE_HEAD = 'Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n\n';
/** Lines a single run may emit, so `sed p` on a huge input stays bounded. */
const MAX_LINES = 200_000;

export const sed: Command = {
  name: 'sed',
  paths: ['/usr/bin/sed', '/bin/sed'],
  run(ctx) {
    const scripts: string[] = [];
    const files: string[] = [];
    let quiet = false;
    let extended = false;
    let inPlace = false;
    let separate = false;
    const args = ctx.args;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '--') {
        files.push(...args.slice(i + 1));
        break;
      }
      if (a === '-n' || a === '--quiet' || a === '--silent') quiet = true;
      else if (a === '-E' || a === '-r' || a === '--regexp-extended') extended = true;
      else if (a === '-s' || a === '--separate') separate = true;
      else if (a === '-u' || a === '-z' || a === '--posix' || a === '--debug' || a === '--sandbox') continue;
      else if (a.startsWith('-i') || a.startsWith('--in-place')) inPlace = separate = true;
      else if (a === '-e' || a === '--expression') {
        const v = args[++i];
        if (v === undefined) {
          ctx.stderr(`sed: option requires an argument -- 'e'\n${USAGE_HEAD}`);
          return 1;
        }
        scripts.push(v);
      } else if (a.startsWith('--expression=')) scripts.push(a.slice(13));
      else if (a.startsWith('-e') && a.length > 2) scripts.push(a.slice(2));
      else if (/^-[nErsu]+$/.test(a)) {
        if (a.includes('n')) quiet = true;
        if (a.includes('E') || a.includes('r')) extended = true;
        if (a.includes('s')) separate = true;
      } else if (a === '-f' || a.startsWith('--file')) {
        ctx.stderr(`sed: couldn't open file ${args[i + 1] ?? ''}: No such file or directory\n`);
        return 1;
      } else if (a.startsWith('--')) {
        ctx.stderr(`sed: unrecognized option '${a}'\n${USAGE_HEAD}`);
        return 1;
      } else if (a.startsWith('-') && a !== '-') {
        ctx.stderr(`sed: invalid option -- '${[...a.slice(1)].find((c) => !'nErsu'.includes(c)) ?? a.charAt(1)}'\n${USAGE_HEAD}`);
        return 1;
      } else files.push(a);
    }
    if (scripts.length === 0) {
      const s = files.shift();
      if (s === undefined) {
        ctx.stderr(USAGE_HEAD);
        return 1;
      }
      scripts.push(s);
    }
    let program: Cmd[];
    try {
      program = scripts.flatMap((s, i) => parseScript(s, i + 1, extended));
    } catch (e) {
      if (!(e instanceof SedError)) throw e;
      ctx.stderr(`sed: ${e.message}\n`);
      return 1;
    }
    if (inPlace && files.length === 0) {
      ctx.stderr('sed: no input files\n');
      return 4;
    }
    let status = 0;
    const inputs: { name: string; text: string }[] = [];
    for (const f of files.length ? files : ['-']) {
      if (f === '-') {
        inputs.push({ name: f, text: ctx.stdin });
        continue;
      }
      const r = readPath(ctx, f);
      if (r.ok) inputs.push({ name: f, text: r.text });
      else {
        ctx.stderr(r.error === 'Is a directory' ? `sed: couldn't edit ${f}: not a regular file\n` : `sed: can't read ${f}: ${r.error}\n`);
        status = 2;
      }
    }
    const groups = separate ? inputs.map((i) => [i]) : [inputs];
    for (const group of groups) {
      const lines = group.flatMap((i) => linesOf(i.text));
      const out: string[] = [];
      const quit = execute(program, lines, quiet, out);
      const text = out.join('');
      if (inPlace && group[0]) {
        try {
          fsOf(ctx).writeFile(resolvePath(ctx.cwd, group[0].name, ctx.user.home), Buffer.from(text, 'latin1'));
        } catch {
          ctx.stderr(`sed: couldn't open temporary file ${group[0].name.replace(/[^/]*$/, '')}sedAbC123: Permission denied\n`);
          status = 4;
        }
      } else ctx.stdout(text);
      if (quit !== undefined) return quit;
    }
    return status;
  },
};

function execute(program: Cmd[], lines: string[], quiet: boolean, out: string[]): number | undefined {
  for (const c of program) c.inRange = false;
  for (let idx = 0; idx < lines.length && out.length < MAX_LINES; idx++) {
    let space = lines[idx]!;
    const n = idx + 1;
    const last = idx === lines.length - 1;
    let deleted = false;
    const append: string[] = [];
    let quitWith: number | undefined;
    for (const c of program) {
      if (selected(c, space, n, last) === c.negate) continue;
      if (c.op === 'd') {
        deleted = true;
        break;
      } else if (c.op === 'p') out.push(space + '\n');
      else if (c.op === '=') out.push(`${n}\n`);
      else if (c.op === 'a') append.push(c.text! + '\n');
      else if (c.op === 'i') out.push(c.text! + '\n');
      else if (c.op === 'c') {
        out.push(c.text! + '\n');
        deleted = true;
        break;
      } else if (c.op === 'y') space = [...space].map((ch) => (c.from!.includes(ch) ? c.to![c.from!.indexOf(ch)]! : ch)).join('');
      else if (c.op === 'q' || c.op === 'Q') {
        quitWith = c.exit ?? 0;
        if (c.op === 'Q') deleted = true;
        break;
      } else if (c.op === 's') {
        let count = 0;
        let did = false;
        c.re!.lastIndex = 0;
        space = space.replace(c.re!, (...m: unknown[]) => {
          count++;
          const match = m[0] as string;
          if (c.nth !== undefined ? count < c.nth || (!c.global && count > c.nth) : !c.global && count > 1) return match;
          did = true;
          return expandReplacement(c.replacement!, m);
        });
        if (did && c.print) out.push(space + '\n');
      }
    }
    if (!deleted && !quiet) out.push(space + '\n');
    out.push(...append);
    if (quitWith !== undefined) return quitWith || undefined;
  }
  return undefined;
}

function selected(c: Cmd, space: string, n: number, last: boolean): boolean {
  const hit = (a: Addr): boolean => (a.kind === 'line' ? a.n === n : a.kind === 'last' ? last : (a.re.lastIndex = 0, a.re.test(space)));
  if (!c.a1) return true;
  if (!c.a2) return hit(c.a1);
  if (c.inRange) {
    if (c.a2.kind === 'line' ? n >= c.a2.n : hit(c.a2)) c.inRange = false;
    return true;
  }
  if (hit(c.a1)) {
    c.inRange = !(c.a2.kind === 'line' && c.a2.n <= n);
    return true;
  }
  return false;
}

function expandReplacement(rep: string, m: unknown[]): string {
  let s = '';
  for (let i = 0; i < rep.length; i++) {
    const ch = rep[i]!;
    if (ch === '&') s += m[0] as string;
    else if (ch === '\\' && i + 1 < rep.length) {
      const nx = rep[++i]!;
      if (/[0-9]/.test(nx)) s += (m[Number(nx)] as string | undefined) ?? '';
      else if (nx === 'n') s += '\n';
      else if (nx === 't') s += '\t';
      else s += nx;
    } else s += ch;
  }
  return s;
}

/** Parses one -e script; errors carry sed's "-e expression #N, char C: ..." text. */
function parseScript(src: string, exprNo: number, extended: boolean): Cmd[] {
  const cmds: Cmd[] = [];
  let i = 0;
  const err = (text: string, at = i): never => {
    throw new SedError(`-e expression #${exprNo}, char ${at}: ${text}`);
  };
  const ws = (): void => {
    while (i < src.length && (src[i] === ' ' || src[i] === '\t')) i++;
  };
  const regex = (pattern: string, flags: string): RegExp => {
    try {
      return userRegExp(toJsRegex(pattern, extended ? 'extended' : 'basic'), flags);
    } catch {
      return err(/[(]/.test(pattern) ? 'Unmatched ( or \\(' : 'Invalid preceding regular expression');
    }
  };
  const delimited = (delim: string, what: string): string => {
    let s = '';
    for (; i < src.length; i++) {
      const ch = src[i]!;
      if (ch === '\\' && i + 1 < src.length) {
        s += src[i + 1] === delim ? delim : ch + src[i + 1];
        i++;
      } else if (ch === delim) {
        i++;
        return s;
      } else if (ch === '\n') break;
      else s += ch;
    }
    return err(`unterminated ${what}`, src.length);
  };
  const address = (): Addr | undefined => {
    if (/[0-9]/.test(src[i] ?? '')) {
      const m = /^\d+/.exec(src.slice(i))![0];
      i += m.length;
      return { kind: 'line', n: Number(m) };
    }
    if (src[i] === '$') {
      i++;
      return { kind: 'last' };
    }
    if (src[i] === '/' || src[i] === '\\') {
      const d = src[i] === '\\' ? src[++i]! : '/';
      i++;
      const p = delimited(d, 'address regex');
      let flags = '';
      if (src[i] === 'I') {
        flags = 'i';
        i++;
      }
      return { kind: 're', re: regex(p, flags) };
    }
    return undefined;
  };
  while (i < src.length) {
    ws();
    if (src[i] === ';' || src[i] === '\n') {
      i++;
      continue;
    }
    if (i >= src.length) break;
    const c: Cmd = { negate: false, op: '', inRange: false };
    const a1 = address();
    if (a1) {
      c.a1 = a1;
      if (src[i] === ',') {
        i++;
        const a2 = address();
        if (!a2) err('unexpected `,\'', i);
        c.a2 = a2;
      }
    }
    ws();
    while (src[i] === '!') {
      c.negate = true;
      i++;
      ws();
    }
    const op = src[i++];
    if (op === undefined) return err('missing command', src.length);
    c.op = op;
    switch (op) {
      case 'd':
      case 'p':
      case '=':
        break;
      case 'q':
      case 'Q': {
        ws();
        const m = /^\d+/.exec(src.slice(i));
        if (m) {
          c.exit = Number(m[0]);
          i += m[0].length;
        }
        break;
      }
      case 'a':
      case 'i':
      case 'c': {
        ws();
        if (src[i] === '\\') {
          i++;
          if (src[i] === '\n') i++;
        }
        const end = src.indexOf('\n', i);
        c.text = src.slice(i, end < 0 ? src.length : end).replace(/\\(.)/g, '$1');
        i = end < 0 ? src.length : end;
        if (c.text === '' && end < 0) err('expected \\ after `a\', `c\' or `i\'', i);
        cmds.push(c);
        continue;
      }
      case 's': {
        const d = src[i++];
        if (d === undefined || d === '\n' || d === '\\') return err('unterminated `s\' command', src.length);
        const pat = delimited(d, "`s' command");
        c.replacement = delimited(d, "`s' command");
        let flags = '';
        for (; i < src.length && !';\n}'.includes(src[i]!); i++) {
          const f = src[i]!;
          if (f === 'g') c.global = true;
          else if (f === 'p') c.print = true;
          else if (f === 'i' || f === 'I') flags = 'i';
          else if (f === 'e' || f === 'm' || f === 'M') continue;
          else if (/[0-9]/.test(f)) {
            const m = /^\d+/.exec(src.slice(i))![0];
            c.nth = Number(m);
            if (c.nth === 0) err("number option to `s' command may not be zero", i + 1);
            i += m.length - 1;
          } else if (f === 'w') {
            i = src.indexOf('\n', i) < 0 ? src.length : src.indexOf('\n', i);
            break;
          } else if (f === ' ' || f === '\t') continue;
          else err("unknown option to `s'", i + 1);
        }
        c.re = regex(pat || '^', flags + 'g');
        break;
      }
      case 'y': {
        const d = src[i++];
        if (d === undefined) return err("unterminated `y' command", src.length);
        c.from = delimited(d, "`y' command");
        c.to = delimited(d, "`y' command");
        if ([...c.from].length !== [...c.to].length) err("strings for `y' command are different lengths");
        break;
      }
      case '}':
        return err("unexpected `}'", i);
      case '{':
        return err("unmatched `{'", 0);
      default:
        return err(`unknown command: \`${op}'`);
    }
    ws();
    if (i < src.length && !';\n}'.includes(src[i]!)) err('extra characters after command', i + 1);
    cmds.push(c);
  }
  return cmds;
}
