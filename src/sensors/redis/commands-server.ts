// Server and administration commands: CONFIG, CLIENT, MODULE, REPLICAOF, AUTH, SAVE, INFO, EVAL, COMMAND.
import { configValue, type ClientInfo, type CommandContext } from './client.js';
import { NOT_INTEGER, SYNTAX, parseInteger } from './commands-keys.js';
import { evalReply } from './eval.js';
import { globMatcher } from './glob.js';
import { infoText } from './info.js';
import * as resp from './resp.js';

const str = (b: Buffer | undefined): string => b?.toString('utf8') ?? '';

export function configGet(ctx: CommandContext, argv: Buffer[]): resp.Reply {
  const names = Object.keys(ctx.persona.config);
  const out: string[] = [];
  const seen = new Set<string>();
  for (const pattern of argv.slice(2).map(str)) {
    const match = globMatcher(pattern, true);
    for (const name of names) {
      if (seen.has(name) || !match(name)) continue;
      seen.add(name);
      out.push(name, configValue(ctx, name));
    }
  }
  return resp.bulkArray(out);
}

export function configSet(ctx: CommandContext, argv: Buffer[]): resp.Reply {
  if (argv.length % 2 !== 0) return resp.error("ERR wrong number of arguments for 'config|set' command");
  const pairs: [string, string][] = [];
  for (let i = 2; i < argv.length; i += 2) {
    const name = str(argv[i]).toLowerCase();
    const value = str(argv[i + 1]);
    if (!(name in ctx.persona.config)) return resp.error(`ERR Unknown option or number of arguments for CONFIG SET - '${str(argv[i])}'`);
    if (ctx.persona.immutable_config.includes(name)) {
      return resp.error(`ERR CONFIG SET failed (possibly related to argument '${name}') - can't set immutable config`);
    }
    if (name === 'dbfilename' && value.includes('/')) {
      return resp.error("ERR CONFIG SET failed (possibly related to argument 'dbfilename') - dbfilename can't be a path, just a filename");
    }
    pairs.push([name, value]);
  }
  for (const [name, value] of pairs) ctx.state.config.set(name, value);
  return resp.OK;
}

export function replicaof(ctx: CommandContext, argv: Buffer[]): resp.Reply {
  const host = str(argv[1]);
  const portText = str(argv[2]);
  if (host.toLowerCase() === 'no' && portText.toLowerCase() === 'one') {
    ctx.state.replicaOf = undefined;
    return resp.OK;
  }
  const port = parseInteger(argv[2]);
  if (port === undefined) return resp.error(NOT_INTEGER);
  const current = ctx.state.replicaOf;
  if (current && current.host.toLowerCase() === host.toLowerCase() && current.port === String(port)) {
    return resp.simple('OK Already connected to specified master');
  }
  // Recorded only: a honeypot never connects out to the "master".
  ctx.state.replicaOf = { host, port: String(port) };
  return resp.OK;
}

export function auth(ctx: CommandContext, argv: Buffer[]): resp.Reply {
  if (argv.length > 3) return resp.error(SYNTAX);
  if (argv.length === 2) {
    ctx.login(false, 'default', str(argv[1]));
    return resp.error(
      'ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?',
    );
  }
  const user = str(argv[1]);
  // The default user has nopass: any password is accepted for it, as on a real unprotected Redis.
  const ok = user === 'default';
  ctx.login(ok, user, str(argv[2]));
  return ok ? resp.OK : resp.error('WRONGPASS invalid username-password pair or user is disabled.');
}

function clientLine(c: ClientInfo, now: number): string {
  const age = Math.floor((now - c.createdAt) / 1000);
  const idle = Math.floor((now - c.lastActive) / 1000);
  return (
    `id=${c.id} addr=${c.addr} laddr=${c.laddr} fd=${8 + (c.id % 20)} name=${c.name} age=${age} idle=${idle} flags=N db=${c.db} ` +
    `sub=0 psub=0 ssub=0 multi=-1 qbuf=26 qbuf-free=20448 argv-mem=10 multi-mem=0 rbs=1024 rbp=0 obl=0 oll=0 omem=0 ` +
    `tot-mem=22298 events=r cmd=${c.lastCmd} user=default redir=-1 resp=2\n`
  );
}

export function clientSetname(ctx: CommandContext, argv: Buffer[]): resp.Reply {
  const name = str(argv[2]);
  if (!/^[\x21-\x7e]*$/.test(name)) return resp.error('ERR Client names cannot contain spaces, newlines or special characters.');
  ctx.client.name = name;
  return resp.OK;
}

export const clientGetname = (ctx: CommandContext): resp.Reply => resp.bulk(ctx.client.name === '' ? null : ctx.client.name);
export const clientList = (ctx: CommandContext): resp.Reply => resp.bulk(ctx.peers().map((c) => clientLine(c, ctx.now)).join(''));
export const clientInfo = (ctx: CommandContext): resp.Reply => resp.bulk(clientLine(ctx.client, ctx.now));
export const clientId = (ctx: CommandContext): resp.Reply => resp.integer(ctx.client.id);

export function ping(_ctx: CommandContext, argv: Buffer[]): resp.Reply {
  if (argv.length > 2) return resp.error("ERR wrong number of arguments for 'ping' command");
  return argv.length === 2 ? resp.bulk(argv[1]!) : resp.simple('PONG');
}

export const info = (ctx: CommandContext, argv: Buffer[]): resp.Reply =>
  resp.bulk(
    infoText(
      { persona: ctx.persona, instance: ctx.instance, stats: ctx.stats, source: ctx.state, config: (n) => configValue(ctx, n), now: ctx.now },
      argv.slice(1).map(str),
    ),
  );

export function evalCommand(_ctx: CommandContext, argv: Buffer[]): resp.Reply {
  const numkeys = parseInteger(argv[2]);
  if (numkeys === undefined) return resp.error(NOT_INTEGER);
  if (numkeys > argv.length - 3) return resp.error("ERR Number of keys can't be greater than number of args");
  if (numkeys < 0) return resp.error("ERR Number of keys can't be negative");
  return evalReply(argv[1]!);
}

export function save(ctx: CommandContext): resp.Reply {
  ctx.state.lastSave = Math.floor(ctx.now / 1000);
  ctx.state.dirty = 0;
  const content = ctx.state.dumpValues(ctx.now);
  if (content.length > 0) {
    const dir = configValue(ctx, 'dir');
    ctx.saved(`${dir.endsWith('/') ? dir : `${dir}/`}${configValue(ctx, 'dbfilename')}`, content);
  }
  return resp.OK;
}

export function bgsave(ctx: CommandContext, argv: Buffer[]): resp.Reply {
  if (argv.length > 2 || (argv.length === 2 && str(argv[1]).toUpperCase() !== 'SCHEDULE')) return resp.error(SYNTAX);
  save(ctx);
  return resp.simple('Background saving started');
}

export const help = (lines: string[]): resp.Reply => resp.array(lines.map((l) => resp.simple(l)));

/** HELLO for RESP2 only: the server map as a flat array; RESP3 is not spoken (NOPROTO, as for an unknown version). */
export function hello(ctx: CommandContext, argv: Buffer[]): resp.Reply {
  const version = argv[1] === undefined ? 2 : parseInteger(argv[1]);
  if (version === undefined) return resp.error('ERR Protocol version is not an integer or out of range');
  if (version !== 2) return resp.error('NOPROTO sorry, this protocol version is not supported.');
  for (let i = 2; i < argv.length; i++) {
    const opt = str(argv[i]).toUpperCase();
    if (opt === 'AUTH' && i + 2 < argv.length) {
      const r = auth(ctx, [Buffer.from('AUTH'), argv[i + 1]!, argv[i + 2]!]);
      if (r[0] === 0x2d) return r;
      i += 2;
    } else if (opt === 'SETNAME' && i + 1 < argv.length) {
      const r = clientSetname(ctx, [Buffer.from('CLIENT'), Buffer.from('SETNAME'), argv[i + 1]!]);
      if (r[0] === 0x2d) return r;
      i += 1;
    } else return resp.error(`ERR Syntax error in HELLO option '${str(argv[i])}'`);
  }
  return resp.array([
    resp.bulk('server'),
    resp.bulk('redis'),
    resp.bulk('version'),
    resp.bulk(ctx.persona.server.redis_version),
    resp.bulk('proto'),
    resp.integer(2),
    resp.bulk('id'),
    resp.integer(ctx.client.id),
    resp.bulk('mode'),
    resp.bulk('standalone'),
    resp.bulk('role'),
    resp.bulk(ctx.state.replicaOf ? 'replica' : 'master'),
    resp.bulk('modules'),
    resp.array([]),
  ]);
}
