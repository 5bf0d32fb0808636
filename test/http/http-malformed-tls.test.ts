// Malformed input on the plain port (TLS ClientHello, broken header) answered with Apache's 400 and recorded;
// HTTPS with curl and openssl s_client against the per-instance certificate; the nginx persona.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect as tlsConnect } from 'node:tls';
import { connect } from 'node:net';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requirePrograms } from '../helpers/programs.js';
import { run } from '../helpers/run.js';
import { eventsOf, headerNames, startWebApp } from './http-helpers.js';

function exchange(port: number, data: Buffer | string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => s.write(data));
    let out = '';
    s.on('data', (d: Buffer) => (out += d.toString('latin1')));
    s.on('close', () => resolve(out));
    s.on('error', reject);
  });
}

const APACHE_400 =
  '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>400 Bad Request</title>\n</head><body>\n<h1>Bad Request</h1>\n' +
  '<p>Your browser sent a request that this server could not understand.<br />\n</p>\n<hr>\n<address>Apache/2.4.62 (Debian) Server at 127.0.0.1 Port 80</address>\n</body></html>\n';

test('a broken header line and a TLS ClientHello on the plain port get Apache 400 and become protocol.error', async () => {
  const t = await startWebApp();
  try {
    const port = t.app.port('http');
    const reply = await exchange(port, 'GET / HTTP/1.1\r\nBad Header\r\n\r\n');
    const [head, body] = reply.split('\r\n\r\n');
    assert.match(head!, /^HTTP\/1\.1 400 Bad Request\r\nDate: .+\r\nServer: Apache\/2\.4\.62 \(Debian\)\r\nContent-Length: 301\r\nConnection: close\r\nContent-Type: text\/html; charset=iso-8859-1$/);
    assert.equal(body, APACHE_400);
    // A real ClientHello from node's TLS client: the server answers in HTTP, so the handshake fails.
    const tlsError = await new Promise<Error>((resolve) => {
      const s = tlsConnect({ port, host: '127.0.0.1', rejectUnauthorized: false });
      s.on('error', resolve);
    });
    assert.match(tlsError.message, /wrong version number|packet length too long|ssl3_get_record/i);
    const errors = await eventsOf(t, 'protocol.error');
    assert.equal(errors.length, 2, JSON.stringify(errors));
    assert.match(errors[0]!.message, /^HPE_INVALID_HEADER_TOKEN/);
    assert.equal(errors[0]!.data_hex, Buffer.from('GET / HTTP/1.1\r\nBad Header\r\n\r\n').toString('hex'));
    assert.ok(errors[1]!.data_hex.startsWith('160301') || errors[1]!.data_hex.startsWith('160303'), errors[1]!.data_hex);
    assert.ok(errors[1]!.data_hex.length <= 512);
    // Still serving.
    assert.match(await exchange(port, 'GET / HTTP/1.0\r\n\r\n'), /^HTTP\/1\.1 200 OK\r\n/);
    // A proxy probe (CONNECT) is recorded as a request and refused.
    const proxy = await exchange(port, 'CONNECT ident.me:443 HTTP/1.1\r\nHost: ident.me:443\r\n\r\n');
    assert.match(proxy, /^HTTP\/1\.1 405 Method Not Allowed\r\n/);
    const connects = (await eventsOf(t, 'http.request')).filter((e) => e.method === 'CONNECT');
    assert.deepEqual(connects.map((e) => [e.uri, e.status]), [['ident.me:443', 405]]);
  } finally {
    await t.cleanup();
  }
});

test('HTTPS serves the same site with a per-instance EC certificate for the server name, kept across restarts', async (ctx) => {
  if (!requirePrograms(ctx, 'curl', 'openssl')) return;
  const t = await startWebApp({ http: { server_name: 'intranet.acme.example' } });
  let dir = t.dir;
  try {
    const port = t.app.port('https');
    const r = await run('curl', ['-k', '-v', '-s', `https://127.0.0.1:${port}/wp-login.php`]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /subject: CN=intranet\.acme\.example/);
    assert.match(r.stdout, /action="https:\/\/127\.0\.0\.1:\d+\/wp-login\.php"/);
    const s = await run('openssl', ['s_client', '-connect', `127.0.0.1:${port}`, '-servername', 'intranet.acme.example'], { input: '' });
    assert.match(s.stdout + s.stderr, /subject=CN\s?=\s?intranet\.acme\.example/);
    const cert = new X509Certificate(readFileSync(join(dir, 'keys', 'https-cert.pem')));
    assert.equal(cert.subject, 'CN=intranet.acme.example');
    assert.equal(cert.subjectAltName, 'DNS:intranet.acme.example');
    assert.ok(cert.verify(cert.publicKey));
    assert.equal(cert.publicKey.asymmetricKeyDetails?.namedCurve, 'prime256v1');
    const from = Date.parse(cert.validFrom);
    assert.ok(from < Date.now() - 7 * 86_400_000, cert.validFrom);
    const reqs = await eventsOf(t, 'http.request');
    assert.ok(reqs.some((e) => e.uri === '/wp-login.php' && e.tls && e.protocol === 'https' && e.status === 200));
    const fingerprint = cert.fingerprint256;
    await t.app.stop();
    const again = await startWebApp({ http: { server_name: 'intranet.acme.example' } }, dir);
    try {
      const r2 = await run('curl', ['-k', '-v', '-s', '-o', '/dev/null', `https://127.0.0.1:${again.app.port('https')}/`]);
      assert.equal(r2.code, 0);
      assert.equal(new X509Certificate(readFileSync(join(dir, 'keys', 'https-cert.pem'))).fingerprint256, fingerprint);
    } finally {
      await again.cleanup();
    }
  } finally {
    await t.cleanup().catch(() => {});
    dir = '';
  }
});

test('plain HTTP on the HTTPS port gets Apache\'s "speaking plain HTTP" 400 and is recorded with its bytes', async () => {
  const t = await startWebApp();
  try {
    const request = 'GET / HTTP/1.1\r\nHost: x\r\n\r\n';
    const reply = await exchange(t.app.port('https'), request);
    const [head, body] = reply.split('\r\n\r\n');
    assert.match(head!, /^HTTP\/1\.1 400 Bad Request\r\nDate: .+\r\nServer: Apache\/2\.4\.62 \(Debian\)\r\nContent-Length: 438\r\nConnection: close\r\nContent-Type: text\/html; charset=iso-8859-1$/);
    assert.ok(body!.includes("Reason: You're speaking plain HTTP to an SSL-enabled server port.<br />\n Instead use the HTTPS scheme to access this URL, please.<br />\n"));
    assert.ok(body!.endsWith('<address>Apache/2.4.62 (Debian) Server at 127.0.0.1 Port 443</address>\n</body></html>\n'));
    const errors = await eventsOf(t, 'protocol.error');
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.protocol, 'https');
    assert.equal(errors[0]!.data_hex, Buffer.from(request).toString('hex'));
  } finally {
    await t.cleanup();
  }
});

test('the nginx persona answers with nginx header order, tokens and CRLF error pages', async (ctx) => {
  if (!requirePrograms(ctx, 'curl')) return;
  const t = await startWebApp({ http: { persona: 'nginx-1.24.0-ubuntu' } });
  try {
    const base = `http://127.0.0.1:${t.app.port('http')}`;
    const index = await run('curl', ['-s', '-i', `${base}/`]);
    const [head, body] = index.stdout.split('\r\n\r\n');
    assert.deepEqual(headerNames(head! + '\r\n\r\n'), ['Server', 'Date', 'Content-Type', 'Content-Length', 'Last-Modified', 'Connection', 'ETag', 'Accept-Ranges']);
    assert.match(head!, /\r\nServer: nginx\/1\.24\.0 \(Ubuntu\)\r\n/);
    assert.match(head!, /\r\nETag: "[0-9a-f]+-267"\r\n/);
    assert.equal(Buffer.byteLength(body!), 615);
    const missing = await run('curl', ['-s', '-i', `${base}/HNAP1`]);
    const trace = await run('curl', ['-s', '-i', '-X', 'TRACE', `${base}/`]);
    assert.match(trace.stdout, /^HTTP\/1\.1 405 Not Allowed\r\n/);
    assert.match(missing.stdout, /^HTTP\/1\.1 404 Not Found\r\nServer: nginx\/1\.24\.0 \(Ubuntu\)\r\nDate: [^\r]+\r\nContent-Type: text\/html\r\nContent-Length: 162\r\nConnection: keep-alive\r\n\r\n<html>\r\n<head><title>404 Not Found<\/title><\/head>\r\n/);
  } finally {
    await t.cleanup();
  }
});
