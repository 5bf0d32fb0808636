// Keyspace commands on the source's own in-memory keyspace: SET GET KEYS DEL EXISTS TTL EXPIRE TYPE DBSIZE SELECT FLUSH*.
import type { CommandContext } from './client.js';
import { globMatcher } from './glob.js';
import * as resp from './resp.js';

export const NOT_INTEGER = 'ERR value is not an integer or out of range';
export const SYNTAX = 'ERR syntax error';
const OOM = "OOM command not allowed when used memory > 'maxmemory'.";

const key = (b: Buffer): string => b.toString('latin1');

export function parseInteger(b: Buffer | undefined): number | undefined {
  const s = b?.toString('latin1') ?? '';
  return /^-?\d{1,18}$/.test(s) ? Number(s) : undefined;
}

export function set(ctx: CommandContext, argv: Buffer[]): resp.Reply {
  let expiresAt: number | undefined;
  let nx = false;
  let xx = false;
  let keepTtl = false;
  for (let i = 3; i < argv.length; i++) {
    const opt = argv[i]!.toString('latin1').toUpperCase();
    if (opt === 'NX' && !xx) nx = true;
    else if (opt === 'XX' && !nx) xx = true;
    else if (opt === 'KEEPTTL' && expiresAt === undefined) keepTtl = true;
    else if ((opt === 'EX' || opt === 'PX') && expiresAt === undefined && !keepTtl && i + 1 < argv.length) {
      const n = parseInteger(argv[++i]);
      if (n === undefined) return resp.error(NOT_INTEGER);
      if (n <= 0) return resp.error("ERR invalid expire time in 'set' command");
      expiresAt = ctx.now + (opt === 'EX' ? n * 1000 : n);
    } else return resp.error(SYNTAX);
  }
  const k = key(argv[1]!);
  const old = ctx.state.get(ctx.client.db, k, ctx.now);
  if ((nx && old) || (xx && !old)) return resp.NIL;
  if (keepTtl && old) expiresAt = old.expiresAt;
  return ctx.state.set(ctx.client.db, k, argv[2]!, expiresAt, ctx.now) ? resp.OK : resp.error(OOM);
}

export const get = (ctx: CommandContext, argv: Buffer[]): resp.Reply =>
  resp.bulk(ctx.state.get(ctx.client.db, key(argv[1]!), ctx.now)?.value ?? null);

export function keys(ctx: CommandContext, argv: Buffer[]): resp.Reply {
  const match = globMatcher(key(argv[1]!), false);
  return resp.bulkArray(ctx.state.keys(ctx.client.db, ctx.now).filter(match).map((k) => Buffer.from(k, 'latin1')));
}

export function del(ctx: CommandContext, argv: Buffer[]): resp.Reply {
  let n = 0;
  for (const k of argv.slice(1)) if (ctx.state.get(ctx.client.db, key(k), ctx.now) && ctx.state.remove(ctx.client.db, key(k))) n++;
  return resp.integer(n);
}

export const exists = (ctx: CommandContext, argv: Buffer[]): resp.Reply =>
  resp.integer(argv.slice(1).filter((k) => ctx.state.get(ctx.client.db, key(k), ctx.now)).length);

export function ttl(ctx: CommandContext, argv: Buffer[], unitMs: number): resp.Reply {
  const e = ctx.state.get(ctx.client.db, key(argv[1]!), ctx.now);
  if (!e) return resp.integer(-2);
  if (e.expiresAt === undefined) return resp.integer(-1);
  return resp.integer(Math.round((e.expiresAt - ctx.now) / unitMs));
}

export function expire(ctx: CommandContext, argv: Buffer[]): resp.Reply {
  const n = parseInteger(argv[2]);
  if (n === undefined) return resp.error(NOT_INTEGER);
  const flag = argv[3]?.toString('latin1').toUpperCase();
  if (argv.length > 4 || (flag !== undefined && !['NX', 'XX', 'GT', 'LT'].includes(flag))) {
    return resp.error(`ERR Unsupported option ${argv[3]?.toString('utf8') ?? ''}`);
  }
  const k = key(argv[1]!);
  const e = ctx.state.get(ctx.client.db, k, ctx.now);
  if (!e) return resp.integer(0);
  const at = ctx.now + n * 1000;
  if ((flag === 'NX' && e.expiresAt !== undefined) || (flag === 'XX' && e.expiresAt === undefined)) return resp.integer(0);
  if (flag === 'GT' && (e.expiresAt === undefined || at <= e.expiresAt)) return resp.integer(0);
  if (flag === 'LT' && e.expiresAt !== undefined && at >= e.expiresAt) return resp.integer(0);
  if (n <= 0) ctx.state.remove(ctx.client.db, k);
  else e.expiresAt = at;
  return resp.integer(1);
}

export const type = (ctx: CommandContext, argv: Buffer[]): resp.Reply =>
  resp.simple(ctx.state.get(ctx.client.db, key(argv[1]!), ctx.now) ? 'string' : 'none');

export const dbsize = (ctx: CommandContext): resp.Reply => resp.integer(ctx.state.keys(ctx.client.db, ctx.now).length);

export function select(ctx: CommandContext, argv: Buffer[]): resp.Reply {
  const n = parseInteger(argv[1]);
  if (n === undefined) return resp.error(NOT_INTEGER);
  if (n < 0 || n >= 16) return resp.error('ERR DB index is out of range');
  ctx.client.db = n;
  return resp.OK;
}

export function flush(ctx: CommandContext, argv: Buffer[], all: boolean): resp.Reply {
  const mode = argv[1]?.toString('latin1').toUpperCase();
  if (argv.length > 2 || (mode !== undefined && mode !== 'ASYNC' && mode !== 'SYNC')) return resp.error(SYNTAX);
  ctx.state.flush(all ? undefined : ctx.client.db);
  return resp.OK;
}
