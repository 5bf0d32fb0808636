// read: one line from standard input (a pipe, a redirection, or the terminal the bot types into), split on IFS
// into the named variables (the last takes the rest) or REPLY; status 1 at end of input.
import { splitFields } from '../syntax/expand.js';
import { type Builtin, isName } from './types.js';

export const read: Builtin = {
    name: 'read',
    async run(ctx) {
      let raw = false;
      let prompt = '';
      let delim = '\n';
      let nchars: number | undefined;
      const names: string[] = [];
      const args = [...ctx.args];
      while (args.length > 0 && args[0]!.startsWith('-') && args[0] !== '-') {
        const a = args.shift()!;
        if (a === '--') break;
        for (let i = 1; i < a.length; i++) {
          const f = a[i]!;
          const value = (): string => {
            const rest = a.slice(i + 1);
            i = a.length;
            const v = rest !== '' ? rest : args.shift();
            if (v === undefined) throw new Error(f);
            return v;
          };
          try {
            if (f === 'r') raw = true;
            else if (f === 's' || f === 'e') continue;
            else if (f === 'p') prompt = value();
            else if (f === 'd') delim = value().slice(0, 1) || '\0';
            else if (f === 'n' || f === 'N') nchars = Number(value());
            else if (f === 't' || f === 'u' || f === 'i' || f === 'a') value();
            else {
              ctx.stderr(`${ctx.prefix}read: -${f}: invalid option\nread: usage: read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]\n`);
              return 2;
            }
          } catch {
            ctx.stderr(`${ctx.prefix}read: -${f}: option requires an argument\nread: usage: read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]\n`);
            return 2;
          }
        }
      }
      names.push(...args);
      for (const n of names) {
        if (!isName(n)) {
          ctx.stderr(`${ctx.prefix}read: \`${n}': not a valid identifier\n`);
          return 1;
        }
      }
      if (prompt && ctx.stdinIsTerminal) ctx.stderr(prompt);
      let line = await ctx.readLine(delim);
      const eof = line === undefined;
      line ??= '';
      if (!raw) {
        // Without -r a backslash quotes the next character and a trailing one joins the next line.
        while (line.endsWith('\\') && !line.endsWith('\\\\')) {
          const more = await ctx.readLine(delim);
          if (more === undefined) break;
          line = line.slice(0, -1) + more;
        }
        line = line.replace(/\\(.)/g, '$1');
      }
      if (nchars !== undefined && nchars >= 0) line = line.slice(0, nchars);
      if (names.length === 0) {
        ctx.shell.setVar('REPLY', line);
        return eof ? 1 : 0;
      }
      const ifs = ctx.shell.getVar('IFS') ?? ' \t\n';
      let rest = line.replace(new RegExp(`^[${escapeClass(ifs.replace(/[^ \t\n]/g, ''))}]+`), '');
      for (const [i, n] of names.entries()) {
        if (i === names.length - 1) {
          const trimmed = rest.replace(new RegExp(`[${escapeClass(ifs.replace(/[^ \t\n]/g, ''))}]+$`), '');
          ctx.shell.setVar(n, ifs.replace(/[^ \t\n]/g, '') === '' ? rest : trimmed);
          break;
        }
        const fields = splitFields(rest, ifs);
        const first = fields[0] ?? '';
        ctx.shell.setVar(n, first);
        const at = rest.indexOf(first) + first.length;
        rest = rest.slice(at).replace(new RegExp(`^[${escapeClass(ifs)}]?[${escapeClass(ifs.replace(/[^ \t\n]/g, ''))}]*`), '');
      }
      return eof ? 1 : 0;
    },
};

function escapeClass(s: string): string {
  return s === '' ? '\\u0000' : s.replace(/[\\\]^-]/g, '\\$&').replace(/\n/g, '\\n').replace(/\t/g, '\\t');
}
