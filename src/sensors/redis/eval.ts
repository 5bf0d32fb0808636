// EVAL without Lua: Redis 7's answers to the scripts attackers send, worked out from the script text.
// Nothing in the script is ever run; scripts we cannot answer statically get a nil reply.
import { createHash } from 'node:crypto';
import * as resp from './resp.js';

/** Globals a Redis 7 script cannot reach (not loaded, or removed by the sandbox). */
const FORBIDDEN = ['package', 'os', 'io', 'require', 'module', 'loadfile', 'dofile', 'debug', 'newproxy', 'getfenv', 'setfenv', 'load'];
const FORBIDDEN_RE = new RegExp(`(^|[^.:\\w])(${FORBIDDEN.join('|')})\\b`, 'g');

export const scriptSha = (script: Buffer): string => createHash('sha1').update(script).digest('hex');

/** Drop Lua comments and string literals so a name inside them is not taken for an access. */
function code(script: string): string {
  return script
    .replace(/--\[(=*)\[[\s\S]*?\]\1\]/g, (m) => m.replace(/[^\n]/g, ' '))
    .replace(/--[^\n]*/g, (m) => ' '.repeat(m.length))
    .replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, (m) => ' '.repeat(m.length));
}

export function evalReply(script: Buffer): resp.Reply {
  const text = script.toString('utf8');
  const stripped = code(text);
  const declared = new Set([...stripped.matchAll(/\blocal\s+(?:function\s+)?([A-Za-z_]\w*)/g)].map((m) => m[1]));
  for (const m of stripped.matchAll(FORBIDDEN_RE)) {
    const name = m[2]!;
    if (declared.has(name)) continue;
    const line = stripped.slice(0, m.index + m[1]!.length).split('\n').length;
    return resp.error(
      `ERR user_script:${line}: Script attempted to access nonexistent global variable '${name}' script: ${scriptSha(script)}, on @user_script:${line}.`,
    );
  }
  const ret = /^\s*return\s+(?:(-?\d{1,15})|"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\s*;?\s*$/.exec(text);
  if (ret) {
    if (ret[1] !== undefined) return resp.integer(Number(ret[1]));
    return resp.bulk(ret[2] ?? ret[3] ?? '');
  }
  return resp.NIL;
}
