// End to end with curl against the HTTP sensor (Apache persona): default and error pages byte for byte,
// header order, the web apps attackers look for, honeytoken bait files and every request recorded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requirePrograms } from '../helpers/programs.js';
import { run } from '../helpers/run.js';
import type { TestApp } from '../helpers/test-app.js';
import { eventsOf, headerNames, startWebApp } from './http-helpers.js';

let t: TestApp;
let base: string;

before(async () => {
  t = await startWebApp({ http: { max_body_kib: 1, honeytoken_mysql_port: 13306 } });
  base = `http://127.0.0.1:${t.app.port('http')}`;
});
after(async () => {
  await t.cleanup();
});

async function curl(...args: string[]): Promise<{ head: string; body: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'pn-curl-'));
  const r = await run('curl', ['-s', '-D', join(dir, 'h'), '-o', join(dir, 'b'), ...args]);
  assert.equal(r.code, 0, r.stderr);
  const { readFileSync } = await import('node:fs');
  return { head: readFileSync(join(dir, 'h'), 'latin1'), body: readFileSync(join(dir, 'b'), 'latin1') };
}

const status = (head: string): number => Number(/^HTTP\/1\.1 (\d{3})/.exec(head.split(/\r\n\r\n/).filter((b) => b.startsWith('HTTP/')).at(-1) ?? '')?.[1]);

test('GET / is the Debian default page with Apache static headers in Apache order', async (ctx) => {
  if (!requirePrograms(ctx, 'curl')) return;
  const r = await curl(`${base}/`);
  assert.equal(status(r.head), 200);
  assert.deepEqual(headerNames(r.head), ['Date', 'Server', 'Last-Modified', 'ETag', 'Accept-Ranges', 'Content-Length', 'Vary', 'Keep-Alive', 'Connection', 'Content-Type']);
  assert.match(r.head, /\r\nServer: Apache\/2\.4\.62 \(Debian\)\r\n/);
  assert.match(r.head, /\r\nKeep-Alive: timeout=5, max=100\r\n/);
  assert.match(r.body, /<title>Apache2 Debian Default Page: It works<\/title>/);
});

test('probed paths get Apache 404 pages naming the Host the client sent; .ht* and server-status are 403', async (ctx) => {
  if (!requirePrograms(ctx, 'curl')) return;
  for (const path of ['/cgi-bin/', '/boaform/admin/formLogin', '/shell?cd+/tmp', '/HNAP1', '/.well-known/security.txt']) {
    const r = await curl('-H', 'Host: www.example.org', `${base}${path}`);
    assert.equal(status(r.head), 404, path);
    assert.deepEqual(headerNames(r.head), ['Date', 'Server', 'Content-Length', 'Keep-Alive', 'Connection', 'Content-Type']);
    assert.equal(
      r.body,
      '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n' +
        '<p>The requested URL was not found on this server.</p>\n<hr>\n<address>Apache/2.4.62 (Debian) Server at www.example.org Port 80</address>\n</body></html>\n',
    );
  }
  for (const path of ['/.htpasswd', '/server-status']) {
    const r = await curl(`${base}${path}`);
    assert.equal(status(r.head), 403, path);
    assert.match(r.body, /<p>You don't have permission to access this resource\.<\/p>/);
  }
  const options = await curl('-X', 'OPTIONS', `${base}/`);
  assert.equal(status(options.head), 200);
  assert.deepEqual(headerNames(options.head), ['Date', 'Server', 'Allow', 'Content-Length', 'Keep-Alive', 'Connection', 'Content-Type']);
  assert.match(options.head, /\r\nAllow: GET,POST,OPTIONS,HEAD\r\n/);
  const trace = await curl('-X', 'TRACE', `${base}/`);
  assert.equal(status(trace.head), 405);
  assert.match(trace.body, /The requested method TRACE is not allowed for this URL\./);
});

test('bait files carry per-instance honeytokens: AWS-format keys and DB credentials pointing at the MySQL port', async (ctx) => {
  if (!requirePrograms(ctx, 'curl', 'unzip')) return;
  const env = await curl(`${base}/.env`);
  assert.equal(status(env.head), 200);
  const keyId = /^AWS_ACCESS_KEY_ID=(AKIA[A-Z2-7]{16})$/m.exec(env.body)?.[1];
  const secret = /^AWS_SECRET_ACCESS_KEY=([A-Za-z0-9+/]{40})$/m.exec(env.body)?.[1];
  const dbPass = /^DB_PASSWORD=(\S+)$/m.exec(env.body)?.[1];
  assert.ok(keyId && secret && dbPass, env.body);
  assert.match(env.body, /^DB_PORT=13306$/m);
  const info = await curl(`${base}/phpinfo.php`);
  assert.match(info.body, /<title>PHP 8\.2\.26 - phpinfo\(\)<\/title>/);
  // The same kernel the SSH shell's uname -a shows (the test instance's identity).
  assert.ok(info.body.includes('6.1.0-37-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.140-1 (2025-05-22) x86_64'), 'phpinfo names the instance kernel');
  assert.ok(info.body.includes(keyId) && info.body.includes(secret) && info.body.includes(dbPass));
  assert.deepEqual(headerNames(info.head), ['Date', 'Server', 'Vary', 'Content-Length', 'Keep-Alive', 'Connection', 'Content-Type']);
  const git = await curl(`${base}/.git/config`);
  assert.match(git.body, /\[remote "origin"\]\n\turl = https:\/\/deploy:glpat-[A-Za-z0-9_-]{20}@git\.[a-z0-9-]+(?:\.[a-z0-9-]+)+\//);
  const dir = mkdtempSync(join(tmpdir(), 'pn-zip-'));
  const zip = await run('curl', ['-s', '-o', join(dir, 'b.zip'), `${base}/backup.zip`]);
  assert.equal(zip.code, 0);
  const listing = await run('unzip', ['-t', join(dir, 'b.zip')]);
  assert.equal(listing.code, 0, listing.stdout);
  assert.match(listing.stdout, /testing: backup\/db\.sql\s+OK/);
  const sql = await run('unzip', ['-p', join(dir, 'b.zip'), 'backup/db.sql']);
  assert.ok(sql.stdout.includes(`-P 13306 -u intranet -p'${dbPass}'`));
  // Another instance (another data dir) leaks other values.
  const other = await startWebApp();
  try {
    const r = await curl(`http://127.0.0.1:${other.app.port('http')}/.env`);
    assert.ok(!r.body.includes(keyId) && !r.body.includes(dbPass));
  } finally {
    await other.cleanup();
  }
});

test('WordPress, phpMyAdmin and admin form logins become login events decided by the login policy', async (ctx) => {
  if (!requirePrograms(ctx, 'curl')) return;
  const form = await curl(`${base}/wp-login.php`);
  assert.match(form.body, /<form name="loginform" id="loginform" action="http:\/\/127\.0\.0\.1:\d+\/wp-login\.php" method="post">/);
  const wrong = await curl('--data', 'log=editor&pwd=Summer2024%21&wp-submit=Log+In', `${base}/wp-login.php`);
  assert.equal(status(wrong.head), 200);
  assert.ok(wrong.body.includes('<strong>Error:</strong> The password you entered for the username <strong>editor</strong> is incorrect.'));
  const ok = await curl('--data', 'log=admin&pwd=admin', `${base}/wp-login.php`);
  assert.equal(status(ok.head), 302);
  assert.match(ok.head, /\r\nLocation: http:\/\/127\.0\.0\.1:\d+\/wp-admin\/\r\n/);
  const pma = await curl('--data', 'pma_username=root&pma_password=toor&server=1', `${base}/phpmyadmin/index.php`);
  assert.match(pma.body, /Access denied for user &#039;root&#039;@&#039;localhost&#039; \(using password: YES\)/);
  const admin = await curl('--data', 'username=admin&password=admin123', `${base}/admin/`);
  assert.match(admin.body, /Administration - Dashboard/);
  const failed = await eventsOf(t, 'login.failed');
  const success = await eventsOf(t, 'login.success');
  const pick = (e: { username: string; password: string; method: string; auth_data?: string }) => [e.username, e.password, e.method, e.auth_data];
  assert.deepEqual(failed.filter((e) => e.method === 'http-form').map(pick), [
    ['editor', 'Summer2024!', 'http-form', undefined],
    ['root', 'toor', 'http-form', undefined],
  ]);
  assert.deepEqual(success.filter((e) => e.method === 'http-form').map(pick), [
    ['admin', 'admin', 'http-form', undefined],
    ['admin', 'admin123', 'http-form', undefined],
  ]);
  // The app is told by the request that carried the credential, in the same session.
  const reqs = await eventsOf(t, 'http.request');
  const carrier = reqs.find((r) => r.session === failed.find((e) => e.username === 'root')!.session && r.method === 'POST');
  assert.equal(carrier?.uri, '/phpmyadmin/index.php');
});

test('XML-RPC brute force (wp.getUsersBlogs) is recorded and answered with the WordPress fault', async (ctx) => {
  if (!requirePrograms(ctx, 'curl')) return;
  const get = await curl(`${base}/xmlrpc.php`);
  assert.equal(status(get.head), 405);
  assert.equal(get.body, 'XML-RPC server accepts POST requests only.');
  const call = '<?xml version="1.0"?><methodCall><methodName>wp.getUsersBlogs</methodName><params><param><value><string>webmaster</string></value></param><param><value><string>p&amp;ss</string></value></param></params></methodCall>';
  const r = await curl('-H', 'Content-Type: text/xml', '--data-binary', call, `${base}/xmlrpc.php`);
  assert.match(r.body, /<string>Incorrect username or password\.<\/string>/);
  const failed = await eventsOf(t, 'login.failed');
  assert.ok(failed.some((e) => e.username === 'webmaster' && e.password === 'p&ss' && e.method === 'http-form'));
});

test('Tomcat manager asks for Basic auth in its realm; the credentials become http-basic login events', async (ctx) => {
  if (!requirePrograms(ctx, 'curl')) return;
  const none = await curl(`${base}/manager/html`);
  assert.equal(status(none.head), 401);
  assert.match(none.head, /\r\nWWW-Authenticate: Basic realm="Tomcat Manager Application"\r\n/);
  assert.match(none.body, /conf\/tomcat-users\.xml/);
  const bad = await curl('-u', 'tomcat:s3cret', `${base}/manager/html`);
  assert.equal(status(bad.head), 401);
  const good = await curl('-u', 'admin:admin', `${base}/manager/html`);
  assert.equal(status(good.head), 200);
  assert.match(good.body, /Tomcat Web Application Manager/);
  const failed = (await eventsOf(t, 'login.failed')).filter((e) => e.method === 'http-basic');
  const success = (await eventsOf(t, 'login.success')).filter((e) => e.method === 'http-basic');
  assert.deepEqual(failed.map((e) => [e.username, e.password]), [['tomcat', 's3cret']]);
  assert.deepEqual(success.map((e) => [e.username, e.password]), [['admin', 'admin']]);
});

test('an upload is stored by SHA-256 under artifacts and recorded as session.file_upload; never served back', async (ctx) => {
  if (!requirePrograms(ctx, 'curl', 'sha256sum')) return;
  const dir = mkdtempSync(join(tmpdir(), 'pn-up-'));
  const file = join(dir, 'shell.php');
  const content = `<?php echo shell_exec($_GET['c']); ?>\n${'A'.repeat(5000)}\n`;
  writeFileSync(file, content);
  const sum = (await run('sha256sum', [file])).stdout.split(' ')[0]!;
  const form = await curl(`${base}/upload.php`);
  assert.match(form.body, /enctype="multipart\/form-data"/);
  const r = await curl('-F', `file=@${file}`, `${base}/upload.php`);
  assert.match(r.body, /The file shell\.php has been uploaded\./);
  const ups = await eventsOf(t, 'session.file_upload');
  const up = ups.find((e) => e.filename === 'shell.php');
  assert.ok(up, JSON.stringify(ups));
  assert.equal(up.shasum, sum);
  assert.equal(up.size, Buffer.byteLength(content));
  assert.equal(up.truncated, false);
  const { readFileSync } = await import('node:fs');
  assert.equal(readFileSync(join(t.dir, 'artifacts', sum), 'utf8'), content);
  // The http.request keeps only max_body_kib (1 KiB here) of the body, and counts the rest.
  const reqs = await eventsOf(t, 'http.request');
  const post = reqs.find((e) => e.method === 'POST' && e.uri === '/upload.php');
  assert.ok(post && post.body_truncated && post.body.length <= 1024 && post.body_length > 5000);
  const served = await curl(`${base}/uploads/shell.php`);
  assert.equal(status(served.head), 404);
});

test('every request is one http.request with request line, headers in original order and case, and status', async (ctx) => {
  if (!requirePrograms(ctx, 'curl')) return;
  await curl('-H', 'X-Zeta: 1', '-H', 'x-alpha: two', '-A', 'Mozlila/5.0 (scanner)', `${base}/HNAP1?probe=%41`);
  const reqs = await eventsOf(t, 'http.request');
  const e = reqs.find((r) => r.uri === '/HNAP1?probe=%41');
  assert.ok(e);
  assert.equal(e.method, 'GET');
  assert.equal(e.http_version, '1.1');
  assert.equal(e.status, 404);
  assert.equal(e.tls, false);
  assert.equal(e.protocol, 'http');
  assert.deepEqual(e.headers.map((h) => h[0]), ['Host', 'User-Agent', 'Accept', 'X-Zeta', 'x-alpha']);
  assert.deepEqual(e.headers[4], ['x-alpha', 'two']);
});
