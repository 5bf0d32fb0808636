// The command table (Redis 7.0 names and arities) and dispatch with Redis's exact unknown-command,
// unknown-subcommand, arity and read-only-replica errors.
import type { CommandContext } from './client.js';
import * as keys from './commands-keys.js';
import * as srv from './commands-server.js';
import * as resp from './resp.js';

type Handler = (ctx: CommandContext, argv: Buffer[]) => resp.Reply;

interface Spec {
  /** Redis arity: n exactly n arguments (name included), -n at least n. */
  arity: number;
  run?: Handler;
  /** Refused on a replica with READONLY. */
  write?: boolean;
  sub?: Record<string, Spec>;
}

const MODULE_LOAD_FAILED = 'ERR Error loading the extension. Please check the server logs.';

const TABLE: Record<string, Spec> = {
  ping: { arity: -1, run: srv.ping },
  echo: { arity: 2, run: (_c, a) => resp.bulk(a[1]!) },
  info: { arity: -1, run: srv.info },
  config: {
    arity: -2,
    sub: {
      get: { arity: -3, run: srv.configGet },
      set: { arity: -4, run: srv.configSet },
      resetstat: { arity: 2, run: () => resp.OK },
      rewrite: { arity: 2, run: () => resp.OK },
      help: { arity: 2, run: () => srv.help(['CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:', 'GET <pattern>', 'SET <directive> <value>', 'RESETSTAT', 'REWRITE', 'HELP']) },
    },
  },
  set: { arity: -3, run: keys.set, write: true },
  get: { arity: 2, run: keys.get },
  keys: { arity: 2, run: keys.keys },
  del: { arity: -2, run: keys.del, write: true },
  unlink: { arity: -2, run: keys.del, write: true },
  exists: { arity: -2, run: keys.exists },
  ttl: { arity: 2, run: (c, a) => keys.ttl(c, a, 1000) },
  pttl: { arity: 2, run: (c, a) => keys.ttl(c, a, 1) },
  expire: { arity: -3, run: keys.expire, write: true },
  type: { arity: 2, run: keys.type },
  dbsize: { arity: 1, run: keys.dbsize },
  select: { arity: 2, run: keys.select },
  flushall: { arity: -1, run: (c, a) => keys.flush(c, a, true), write: true },
  flushdb: { arity: -1, run: (c, a) => keys.flush(c, a, false), write: true },
  slaveof: { arity: 3, run: srv.replicaof },
  replicaof: { arity: 3, run: srv.replicaof },
  module: {
    arity: -2,
    sub: {
      load: { arity: -3, run: () => resp.error(MODULE_LOAD_FAILED) },
      loadex: { arity: -3, run: () => resp.error(MODULE_LOAD_FAILED) },
      list: { arity: 2, run: () => resp.array([]) },
      unload: { arity: 3, run: () => resp.error('ERR Error unloading module: no such module with that name') },
      help: { arity: 2, run: () => srv.help(['MODULE <subcommand> [<arg> [value] [opt] ...]. Subcommands are:', 'LIST', 'LOAD <path> [<arg> ...]', 'LOADEX <path> [[CONFIG NAME VALUE] [CONFIG NAME VALUE]] [ARGS ...]', 'UNLOAD <name>', 'HELP']) },
    },
  },
  eval: { arity: -3, run: srv.evalCommand },
  eval_ro: { arity: -3, run: srv.evalCommand },
  evalsha: { arity: -3, run: () => resp.error('NOSCRIPT No matching script. Please use EVAL.') },
  save: { arity: 1, run: srv.save },
  bgsave: { arity: -1, run: srv.bgsave },
  lastsave: { arity: 1, run: (c) => resp.integer(c.state.lastSave) },
  time: {
    arity: 1,
    run: (c) => resp.bulkArray([String(Math.floor(c.now / 1000)), String((c.now % 1000) * 1000)]),
  },
  command: {
    arity: -1,
    run: () => resp.array([]),
    sub: {
      count: { arity: 2, run: () => resp.integer(240) },
      docs: { arity: -2, run: () => resp.array([]) },
      info: { arity: -2, run: (_c, a) => resp.array(a.slice(2).map(() => resp.NIL)) },
      list: { arity: -2, run: () => resp.bulkArray(Object.keys(TABLE)) },
      help: { arity: 2, run: () => srv.help(['COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:', '(no subcommand)', 'COUNT', 'INFO [<command-name> ...]', 'DOCS [<command-name> ...]', 'LIST', 'HELP']) },
    },
  },
  client: {
    arity: -2,
    sub: {
      setname: { arity: 3, run: srv.clientSetname },
      getname: { arity: 2, run: srv.clientGetname },
      list: { arity: -2, run: srv.clientList },
      info: { arity: 2, run: srv.clientInfo },
      id: { arity: 2, run: srv.clientId },
      kill: { arity: -3, run: () => resp.error('ERR No such client') },
      help: { arity: 2, run: () => srv.help(['CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:', 'GETNAME', 'ID', 'INFO', 'KILL <ip:port>', 'LIST', 'SETNAME <name>', 'HELP']) },
    },
  },
  auth: { arity: -2, run: srv.auth },
  hello: { arity: -1, run: srv.hello },
};

export type Outcome = { reply: resp.Reply; close?: 'after' } | { reply?: undefined; close: 'now' };

const arityOk = (arity: number, argc: number): boolean => (arity > 0 ? argc === arity : argc >= -arity);

/** Run one command; the caller records it first and writes the reply. */
export function dispatch(ctx: CommandContext, argv: Buffer[]): Outcome {
  const name = argv[0]!.toString('utf8');
  const lower = name.toLowerCase();
  // Redis 7.0 handles QUIT before the command table, whatever its arguments.
  if (lower === 'quit') return { reply: resp.OK, close: 'after' };
  // Redis drops a connection that looks like HTTP cross-protocol scripting, without a reply.
  if (lower === 'post' || lower === 'host:') return { close: 'now' };
  const spec = TABLE[lower];
  if (!spec) {
    let args = '';
    for (let i = 1; i < argv.length && args.length < 128; i++) args += `'${argv[i]!.toString('utf8').slice(0, 128 - args.length)}' `;
    return { reply: resp.error(`ERR unknown command '${name.slice(0, 128)}', with args beginning with: ${args}`) };
  }
  let target = spec;
  let fullname = lower;
  if (spec.sub && argv.length >= 2) {
    const subName = argv[1]!.toString('utf8');
    const sub = spec.sub[subName.toLowerCase()];
    if (!sub) {
      return { reply: resp.error(`ERR unknown subcommand '${subName.slice(0, 128)}'. Try ${lower.toUpperCase()} HELP.`) };
    }
    target = sub;
    fullname = `${lower}|${subName.toLowerCase()}`;
  }
  if (!arityOk(target.arity, argv.length) || !target.run) {
    return { reply: resp.error(`ERR wrong number of arguments for '${fullname}' command`) };
  }
  if (target.write && ctx.state.replicaOf) return { reply: resp.error("READONLY You can't write against a read only replica.") };
  ctx.client.lastCmd = fullname;
  return { reply: target.run(ctx, argv) };
}
