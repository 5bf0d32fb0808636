// Dispatch and handlers without a socket: Redis 7's error formats, keyspace semantics, HELLO.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPersona } from '../../core/persona-loader.js';
import { RedisPersonaSchema } from '../../schema/personas/redis.js';
import type { CommandContext } from './client.js';
import { dispatch } from './commands.js';
import { SourceState } from './keyspace.js';

const persona = loadPersona('redis', 'redis-7.0.15-debian-12', RedisPersonaSchema);

function context(now = 1_700_000_000_000): CommandContext {
  const logins: [boolean, string, string][] = [];
  return {
    client: { id: 7, addr: '192.0.2.1:5000', laddr: '10.0.0.2:6379', name: '', db: 0, createdAt: now, lastActive: now, lastCmd: 'NULL' },
    state: new SourceState({ maxKeys: 100, maxBytes: 100_000 }, now),
    persona,
    instance: { pid: 1000, runId: 'a'.repeat(40), replId: 'b'.repeat(40), startedAtMs: now - 1000, usedMemoryBase: 1_000_000 },
    stats: { connectedClients: 1, connectionsReceived: 1, commandsProcessed: 1, netInputBytes: 0, netOutputBytes: 0, errorReplies: new Map(), rejectedConnections: 0 },
    now,
    peers: () => [],
    login: (ok, u, p) => logins.push([ok, u, p]),
    saved: () => {},
  };
}

const call = (ctx: CommandContext, ...argv: string[]): string => {
  const o = dispatch(ctx, argv.map((a) => Buffer.from(a)));
  return o.reply?.toString('latin1') ?? `<${o.close}>`;
};

test('error formats: unknown command args capped near 128 bytes, container without subcommand, unknown subcommand', () => {
  const ctx = context();
  const long = 'z'.repeat(200);
  assert.equal(call(ctx, 'nope', long, 'b'), `-ERR unknown command 'nope', with args beginning with: '${'z'.repeat(128)}' \r\n`);
  assert.equal(call(ctx, 'CONFIG'), "-ERR wrong number of arguments for 'config' command\r\n");
  assert.equal(call(ctx, 'client', 'frob'), "-ERR unknown subcommand 'frob'. Try CLIENT HELP.\r\n");
  assert.equal(call(ctx, 'CONFIG', 'SET', 'nosuch', 'x'), "-ERR Unknown option or number of arguments for CONFIG SET - 'nosuch'\r\n");
  assert.equal(call(ctx, 'CONFIG', 'SET', 'daemonize', 'no'), "-ERR CONFIG SET failed (possibly related to argument 'daemonize') - can't set immutable config\r\n");
  assert.equal(call(ctx, 'ping', 'a', 'b'), "-ERR wrong number of arguments for 'ping' command\r\n");
  assert.equal(call(ctx, 'POST', '/', 'HTTP/1.1'), '<now>');
  assert.equal(call(ctx, 'quit', 'x'), '+OK\r\n');
});

test('keyspace: SET options, TTL and EXPIRE, KEYS globs, TYPE, SELECT, DBSIZE, FLUSHDB', () => {
  const ctx = context();
  assert.equal(call(ctx, 'SET', 'a', '1', 'EX', '100'), '+OK\r\n');
  assert.equal(call(ctx, 'SET', 'a', '2', 'NX'), '$-1\r\n');
  assert.equal(call(ctx, 'SET', 'b', '2', 'XX'), '$-1\r\n');
  assert.equal(call(ctx, 'SET', 'a', '1', 'EX', 'x'), '-ERR value is not an integer or out of range\r\n');
  assert.equal(call(ctx, 'SET', 'a', '1', 'BOGUS'), '-ERR syntax error\r\n');
  assert.equal(call(ctx, 'TTL', 'a'), ':100\r\n');
  assert.equal(call(ctx, 'TTL', 'missing'), ':-2\r\n');
  assert.equal(call(ctx, 'SET', 'abc', 'x'), '+OK\r\n');
  assert.equal(call(ctx, 'TTL', 'abc'), ':-1\r\n');
  assert.equal(call(ctx, 'EXPIRE', 'abc', '5'), ':1\r\n');
  assert.equal(call(ctx, 'KEYS', 'a?c'), '*1\r\n$3\r\nabc\r\n');
  assert.equal(call(ctx, 'TYPE', 'abc'), '+string\r\n');
  assert.equal(call(ctx, 'TYPE', 'nope'), '+none\r\n');
  assert.equal(call(ctx, 'EXISTS', 'a', 'abc', 'nope'), ':2\r\n');
  assert.equal(call(ctx, 'DBSIZE'), ':2\r\n');
  assert.equal(call(ctx, 'SELECT', '16'), '-ERR DB index is out of range\r\n');
  assert.equal(call(ctx, 'SELECT', '1'), '+OK\r\n');
  assert.equal(call(ctx, 'DBSIZE'), ':0\r\n');
  assert.equal(call(ctx, 'SELECT', '0'), '+OK\r\n');
  assert.equal(call(ctx, 'DEL', 'a', 'nope'), ':1\r\n');
  assert.equal(call(ctx, 'FLUSHDB'), '+OK\r\n');
  assert.equal(call(ctx, 'DBSIZE'), ':0\r\n');
  const later = { ...context(), state: ctx.state, now: ctx.now + 6000 };
  assert.equal(call(later, 'GET', 'abc'), '$-1\r\n');
});

test('HELLO answers RESP2 only; INFO keyspace counts the source’s own keys', () => {
  const ctx = context();
  assert.equal(
    call(ctx, 'HELLO'),
    '*14\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n7.0.15\r\n$5\r\nproto\r\n:2\r\n$2\r\nid\r\n:7\r\n$4\r\nmode\r\n$10\r\nstandalone\r\n$4\r\nrole\r\n$6\r\nmaster\r\n$7\r\nmodules\r\n*0\r\n',
  );
  assert.equal(call(ctx, 'HELLO', '3'), '-NOPROTO sorry, this protocol version is not supported.\r\n');
  call(ctx, 'SET', 'k', 'v');
  assert.match(call(ctx, 'INFO', 'keyspace'), /^\$\d+\r\n# Keyspace\r\ndb0:keys=1,expires=0,avg_ttl=0\r\n\r\n$/);
});
