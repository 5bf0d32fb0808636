// End to end with the real mariadb client: batch and interactive sessions, a refused login, and the
// events in the store field by field (the captured scrambles are checked against the password typed).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PhantomEvent } from '../../src/schema/events.js';
import { requirePrograms } from '../helpers/programs.js';
import { run } from '../helpers/run.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { waitSessions } from './events.js';
import { nativeScramble, sha2Scramble } from './wire-client.js';

let t: TestApp;
let port: number;

before(async () => {
  t = await startTestApp({ mysql: { enabled: true, accept_username: 'root' } });
  port = t.app.port('mysql');
});
after(async () => {
  await t.cleanup();
});

const mariadb = (user: string, password: string | undefined, extra: string[]): string[] => [
  '-h', '127.0.0.1', '-P', String(port), '-u', user, ...(password === undefined ? [] : [`-p${password}`]), '--connect-timeout=10', ...extra,
];

/** Checks `auth_data` holds the scrambles a client computes for `password`: the proof it can be cracked offline. */
function assertCrackable(authData: string | undefined, password: string): void {
  const entries = (authData ?? '').split(',');
  assert.equal(entries.length, 2, authData);
  const [plugin, saltHex, resp] = entries[0]!.split('$');
  assert.equal(plugin, 'mysql_native_password');
  assert.match(saltHex!, /^[0-9a-f]{40}$/);
  const salt = Buffer.from(saltHex!, 'hex');
  assert.equal(resp, password === '' ? '' : nativeScramble(password, salt).toString('hex'));
  const [plugin2, salt2, resp2] = entries[1]!.split('$');
  assert.equal(plugin2, 'caching_sha2_password');
  assert.equal(salt2, saltHex);
  assert.equal(resp2, sha2Scramble(password, salt).toString('hex'));
}

function queries(ev: PhantomEvent[]): string[] {
  return ev.flatMap((e) => (e.eventid === 'mysql.query' ? [e.query] : e.eventid === 'mysql.command' ? [`${e.command}(${e.argument})`] : []));
}

test('mariadb -e runs recon queries after a login with the accepted user; events in order', async (ctx) => {
  if (!requirePrograms(ctx, 'mariadb')) return;
  const r = await run('mariadb', mariadb('root', 'secret', ['-e', "SELECT @@version; SHOW DATABASES; USE shop; SHOW TABLES; SELECT user, host FROM mysql.user WHERE user='root'; SHOW VARIABLES LIKE 'version%'; SELECT DATABASE()"]));
  assert.equal(r.stderr, '');
  assert.equal(r.code, 0);
  assert.equal(
    r.stdout,
    [
      '@@version', '8.0.39',
      'Database', 'information_schema', 'mysql', 'performance_schema', 'shop', 'sys', 'wordpress',
      'Tables_in_shop', 'customers', 'order_items', 'orders', 'payments', 'products', 'sessions', 'users',
      'user\thost', 'root\t%', 'shop\t%', 'wordpress\t%', 'mysql.infoschema\tlocalhost', 'mysql.session\tlocalhost', 'mysql.sys\tlocalhost', 'root\tlocalhost',
      'Variable_name\tValue', 'version\t8.0.39', 'version_comment\tMySQL Community Server - GPL', 'version_compile_machine\tx86_64', 'version_compile_os\tLinux',
      'DATABASE()', 'shop',
      '',
    ].join('\n'),
  );
  const [ev] = await waitSessions(t, 1, (e) => e.some((x) => x.eventid === 'login.success'));
  assert.ok(ev);
  const login = ev.find((e) => e.eventid === 'login.success');
  assert.ok(login?.eventid === 'login.success');
  assert.equal(login.username, 'root');
  assert.equal(login.password, '');
  assert.equal(login.method, 'mysql_native_password');
  assert.equal(login.src_ip, '127.0.0.1');
  assertCrackable(login.auth_data, 'secret');
  assert.deepEqual(queries(ev), [
    'SELECT @@version',
    'SHOW DATABASES',
    'SELECT DATABASE()',
    'COM_INIT_DB(shop)',
    'SHOW TABLES',
    "SELECT user, host FROM mysql.user WHERE user='root'",
    "SHOW VARIABLES LIKE 'version%'",
    'SELECT DATABASE()',
    'COM_QUIT()',
  ]);
  const closed = ev.at(-1);
  assert.ok(closed?.eventid === 'session.closed' && closed.reason === 'client');
});

test('an unknown table and a statement we do not know get the real server errors', async (ctx) => {
  if (!requirePrograms(ctx, 'mariadb')) return;
  const missing = await run('mariadb', mariadb('root', 'x', ['-e', 'SELECT * FROM mysql.secrets']));
  assert.equal(missing.code, 1);
  // On an error the batch client echoes the statement first; the last line is the server's error.
  assert.ok(missing.stderr.endsWith("\n\nERROR 1146 (42S02) at line 1: Table 'mysql.secrets' doesn't exist\n"), missing.stderr);
  const bad = await run('mariadb', mariadb('root', 'x', ['-e', 'GRANT FILE ON *.* TO evil']));
  assert.equal(bad.code, 1);
  assert.ok(
    bad.stderr.endsWith(
      "\n\nERROR 1064 (42000) at line 1: You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near 'FILE ON *.* TO evil' at line 1\n",
    ),
    bad.stderr,
  );
});

test('the interactive client shows the MySQL welcome after its @@version_comment query', async (ctx) => {
  if (!requirePrograms(ctx, 'mariadb', 'script')) return;
  const cmd = `mariadb ${mariadb('root', 'pw', []).join(' ')}`;
  const r = await run('script', ['-qec', cmd, '/dev/null'], { input: 'SELECT VERSION();\nquit\n' });
  const out = r.stdout.replace(/\x1b[()][A-Z0-9]|\x1b\[[0-9;]*m/g, '');
  assert.match(out, /Server version: 8\.0\.39 MySQL Community Server - GPL\r\n/);
  assert.match(out, /\| VERSION\(\) \|\r\n\+-+\+\r\n\| 8\.0\.39 +\|/);
  const [ev] = await waitSessions(t, 1, (e) => e.some((x) => x.eventid === 'mysql.query' && x.query === 'SELECT VERSION()'));
  assert.ok(ev);
  assert.deepEqual(queries(ev), ['select @@version_comment limit 1', 'SELECT VERSION()', 'COM_QUIT()']);
});

test('a refused login prints ERROR 1045 with the client address; with and without a password', async (ctx) => {
  if (!requirePrograms(ctx, 'mariadb')) return;
  const yes = await run('mariadb', mariadb('admin', 'P@ssw0rd', ['-e', 'SELECT 1']));
  assert.equal(yes.code, 1);
  assert.equal(yes.stdout, '');
  assert.equal(yes.stderr, "ERROR 1045 (28000): Access denied for user 'admin'@'127.0.0.1' (using password: YES)\n");
  const no = await run('mariadb', mariadb('backup', undefined, ['-e', 'SELECT 1']));
  assert.equal(no.stderr, "ERROR 1045 (28000): Access denied for user 'backup'@'127.0.0.1' (using password: NO)\n");

  const failed = await waitSessions(t, 2, (e) => e.some((x) => x.eventid === 'login.failed' && (x.username === 'admin' || x.username === 'backup')));
  assert.equal(failed.length, 2);
  for (const ev of failed) {
    assert.deepEqual(ev.map((e) => e.eventid), ['session.connect', 'login.failed', 'session.closed']);
    const f = ev[1];
    assert.ok(f?.eventid === 'login.failed');
    assert.equal(f.password, '');
    assert.equal(f.method, 'mysql_native_password');
    if (f.username === 'admin') assertCrackable(f.auth_data, 'P@ssw0rd');
    // Without a password the client sends empty scrambles: nothing to crack, and no caching_sha2 entry.
    else assert.match(f.auth_data ?? '', /^mysql_native_password\$[0-9a-f]{40}\$$/);
    const closed = ev[2];
    assert.ok(closed?.eventid === 'session.closed' && closed.reason === 'auth_limit');
  }
});

test('@@hostname is a container id of this instance, not the persona file\'s (the same everywhere)', async (ctx) => {
  if (!requirePrograms(ctx, 'mariadb')) return;
  const r = await run('mariadb', mariadb('root', 'x', ['-N', '-e', 'SELECT @@hostname; SELECT @@general_log_file']));
  assert.equal(r.code, 0, r.stderr);
  const [host, log] = r.stdout.trim().split('\n');
  assert.match(host ?? '', /^[0-9a-f]{12}$/);
  assert.notEqual(host, '3f6c0a9d2b71');
  assert.equal(log, `/var/lib/mysql/${host}.log`);
  const seed = JSON.parse(readFileSync(join(t.dir, 'instance.json'), 'utf8')) as { seed: string };
  assert.equal(host, createHash('sha256').update(`${seed.seed}|mysql-container`).digest('hex').slice(0, 12));
});
