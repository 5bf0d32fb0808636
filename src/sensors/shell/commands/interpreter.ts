// What perl and python3 share: attacker code is never run. A one-line print of a plain string literal is
// echoed (the bots' "are you a real box" probe); anything else ends silently with status 0, as a script
// that writes nothing would; missing script files get each interpreter's own error.
import type { CommandContext } from '../command.js';
import { readPath } from '../system/fs.js';

/** The text a trivial `print("x")` / `print "x\n"` would write, or undefined when the code is anything else. */
export function literalPrint(code: string): string | undefined {
  const m = /^\s*print\s*\(?\s*(["'])((?:\\.|(?!\1).)*)\1\s*\)?\s*;?\s*$/.exec(code);
  if (!m) return undefined;
  const body = m[2]!.replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\(.)/g, '$1');
  return body;
}

/** True when the script operand names a file the emulated system has. */
export function scriptExists(ctx: CommandContext, path: string): boolean {
  return readPath(ctx, path).ok;
}
