// getopt(3)-style scanning of clustered short options (`-gr FILE`, `-rFILE`), for the applets that take only
// those: operands may come between options, as with GNU and BusyBox getopt.

export type ShortOptions =
  | { ok: true; options: [letter: string, value: string | undefined][]; operands: string[] }
  | { ok: false; problem: 'missing' | 'invalid'; letter: string };

/** `flags` take no value, `valued` take one (the rest of the cluster or the next argument). */
export function scanShortOptions(args: readonly string[], flags: string, valued: string): ShortOptions {
  const options: [string, string | undefined][] = [];
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('-') || a === '-') {
      operands.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      if (flags.includes(c)) {
        options.push([c, undefined]);
        continue;
      }
      if (!valued.includes(c)) return { ok: false, problem: 'invalid', letter: c };
      const v = j + 1 < a.length ? a.slice(j + 1) : args[++i];
      if (v === undefined) return { ok: false, problem: 'missing', letter: c };
      options.push([c, v]);
      break;
    }
  }
  return { ok: true, options, operands };
}

/** The text getopt prints for a scan that failed, followed by the applet's usage. */
export function optionError(tool: string, r: Extract<ShortOptions, { ok: false }>, usage: string): string {
  return `${tool}: ${r.problem === 'missing' ? 'option requires an argument' : 'invalid option'} -- '${r.letter}'\n${usage}`;
}
