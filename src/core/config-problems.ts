// What a configuration problem is and how it reads: where the bad value came from (file line, environment
// variable or a default), its dotted key path, and a message an operator can act on.
import type { z } from 'zod';

export type ProblemCode = 'PN_ERR_CONFIG_READ' | 'PN_ERR_CONFIG_INVALID';

export type ProblemOrigin =
  /** `line`/`column` are 1-based and absent when the whole file is at fault (unreadable). */
  | { kind: 'file'; file: string; line?: number; column?: number }
  /** `path` is the key the variable sets, so a problem deeper inside (a JSON list) can name its own path. */
  | { kind: 'env'; variable: string; path: string }
  /** Neither the file nor the environment has the key: the value is the built-in default. */
  | { kind: 'default' };

export interface ConfigProblem {
  readonly code: ProblemCode;
  readonly origin: ProblemOrigin;
  /** Dotted key path (`ssh.port`, `auth.users[2].password`); '' when about the file or a variable name. */
  readonly path: string;
  /** What is wrong, without the place: `must be a port number 0-65535 (got 70000)`. */
  readonly detail: string;
  /** The whole line to show, place included: `phantomnet.yaml:12:9: ssh.port: must be a port number 0-65535 (got 70000)`. */
  readonly message: string;
}

export function dottedPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out === '' ? String(seg) : `.${String(seg)}`;
  return out;
}

export function makeProblem(code: ProblemCode, origin: ProblemOrigin, path: string, detail: string): ConfigProblem {
  return { code, origin, path, detail, message: formatProblem(origin, path, detail) };
}

function formatProblem(origin: ProblemOrigin, path: string, detail: string): string {
  const keyed = (p: string) => (p === '' ? detail : `${p}: ${detail}`);
  switch (origin.kind) {
    case 'file':
      return origin.line === undefined ? `${origin.file}: ${keyed(path)}` : `${origin.file}:${origin.line}:${origin.column ?? 1}: ${keyed(path)}`;
    case 'env': {
      // The variable already names its own key; only a path inside its value is worth repeating.
      const inner = path === origin.path ? '' : path;
      return `environment ${origin.variable}: ${keyed(inner)}`;
    }
    case 'default':
      return `(default) ${keyed(path)}`;
  }
}

/** A value as the operator wrote it: strings quoted, numbers bare, long values cut. */
export function showValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object' && v !== null) return 'a mapping';
  const s = typeof v === 'string' ? JSON.stringify(v) : String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

const EXPECTED: Record<string, string> = {
  number: 'a number',
  int: 'an integer',
  string: 'a string',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
};

function describeInput(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'an empty value';
  if (typeof v === 'string') return `the string ${showValue(v)}`;
  return showValue(v);
}

/**
 * Messages for zod issues the schema gave no message of its own (schema messages such as "must be a port
 * number 0-65535" win over a per-parse map). The offending value is appended by the loader, which knows
 * whether it came from the file or the environment.
 */
export const issueMessage: z.core.$ZodErrorMap = (iss) => {
  switch (iss.code) {
    case 'invalid_type':
      if (iss.input === undefined) return `is required (${EXPECTED[iss.expected] ?? iss.expected})`;
      return `expected ${EXPECTED[iss.expected] ?? iss.expected}, got ${describeInput(iss.input)}`;
    case 'too_big': {
      const max = String(iss.maximum);
      if (iss.origin === 'string') return `must be at most ${max} characters`;
      if (iss.origin === 'array') return `must have at most ${max} items`;
      return iss.inclusive ? `must be at most ${max}` : `must be less than ${max}`;
    }
    case 'too_small': {
      const min = String(iss.minimum);
      if (iss.origin === 'string') return iss.minimum === 1 ? 'must not be empty' : `must be at least ${min} characters`;
      if (iss.origin === 'array') return `must have at least ${min} items`;
      return iss.inclusive ? `must be at least ${min}` : `must be more than ${min}`;
    }
    case 'invalid_format':
      return iss.format === 'regex' && 'pattern' in iss ? `must match ${String(iss.pattern)}` : `must be a valid ${iss.format}`;
    case 'invalid_value':
      return `must be one of ${iss.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(iss.divisor)}`;
    default:
      return undefined;
  }
};
