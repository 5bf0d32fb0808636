// The shell's builtins by name (and, for those that are real binaries too, by path).
import { alias, unalias } from './alias.js';
import { command } from './command.js';
import { makeDeclare } from './declare.js';
import { evalBuiltin } from './eval.js';
import { exportBuiltin } from './export.js';
import { hash } from './hash.js';
import { jobs } from './jobs.js';
import { letBuiltin } from './let.js';
import { local } from './local.js';
import { read } from './read.js';
import { set } from './set.js';
import { shift } from './shift.js';
import { bracketBuiltin, testBuiltin } from './test.js';
import { trap } from './trap.js';
import { type } from './type.js';
import type { Builtin } from './types.js';
import { ulimit } from './ulimit.js';
import { umask } from './umask.js';
import { unset } from './unset.js';
import { wait } from './wait.js';

export const BUILTINS: readonly Builtin[] = [
  alias, unalias, command, makeDeclare('declare'), makeDeclare('typeset'), makeDeclare('readonly'), evalBuiltin, exportBuiltin, hash, jobs, letBuiltin,
  local, read, set, shift, testBuiltin, bracketBuiltin, trap, type, ulimit, umask, unset, wait,
];

export const BUILTIN_TABLE: ReadonlyMap<string, Builtin> = new Map(BUILTINS.flatMap((b) => [[b.name, b] as const, ...(b.paths ?? []).map((p) => [p, b] as const)]));

/** Names the shell runs itself (control flow, cd, exec ...) on top of the table above. */
export const SHELL_SPECIALS: readonly string[] = ['.', ':', 'source', 'exit', 'logout', 'return', 'break', 'continue', 'cd', 'exec', 'builtin', 'shopt', 'getopts', 'times', 'disown', 'bg', 'fg', 'suspend', 'pushd', 'popd', 'dirs', 'enable', 'help', 'caller', 'complete', 'compgen', 'compopt', 'mapfile', 'readarray', 'fc', 'bind', 'history', 'type', 'echo', 'printf', 'pwd', 'kill', 'true', 'false', 'test', '['];

export const KEYWORDS: ReadonlySet<string> = new Set(['if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'select', 'while', 'until', 'do', 'done', 'in', 'function', 'time', '{', '}', '!', '[[', ']]', 'coproc']);
