// Bounded fuzzing of the HTTP front end (seeded): mutated requests and random bytes; the sensor stays up,
// every connection is closed and recorded, memory stays bounded; plus the request size limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { SeededRng } from '../../src/core/rng.js';
import type { PhantomEvent } from '../../src/schema/events.js';
import { eventsOf, startWebApp } from './http-helpers.js';

function exchange(port: number, data: Buffer): Promise<string> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1', () => s.end(data));
    let out = '';
    s.on('data', (d: Buffer) => (out += d.toString('latin1')));
    s.on('close', () => resolve(out));
    s.on('error', () => {});
  });
}

const SEEDS = [
  'GET / HTTP/1.1\r\nHost: a\r\n\r\n',
  'POST /wp-login.php HTTP/1.1\r\nHost: a\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 17\r\n\r\nlog=root&pwd=toor',
  'POST /upload.php HTTP/1.1\r\nHost: a\r\nContent-Type: multipart/form-data; boundary=ZZ\r\nContent-Length: 90\r\n\r\n--ZZ\r\nContent-Disposition: form-data; name="f"; filename="a.sh"\r\n\r\nid\r\n--ZZ--\r\n',
  'GET /manager/html HTTP/1.0\r\nAuthorization: Basic YWRtaW46YWRtaW4=\r\n\r\n',
  'POST /xmlrpc.php HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n<a/>x\r\n0\r\n\r\n',
];

function mutate(rng: SeededRng, input: Buffer): Buffer {
  const b = Buffer.from(input);
  const ops = 1 + rng.int(8);
  let out = b;
  for (let i = 0; i < ops; i++) {
    const at = rng.int(Math.max(1, out.length));
    switch (rng.int(6)) {
      case 0:
        out[at] = rng.int(256);
        break;
      case 1:
        out = Buffer.concat([out.subarray(0, at), Buffer.from(['\r\n', ':', ' ', '\0', '%', '\r\n\r\n'][rng.int(6)]!), out.subarray(at)]);
        break;
      case 2:
        out = out.subarray(0, at);
        break;
      case 3:
        out = Buffer.concat([out.subarray(0, at), Buffer.alloc(rng.int(4096), 0x41 + rng.int(26)), out.subarray(at)]);
        break;
      case 4:
        out = Buffer.concat([out, out.subarray(0, Math.min(out.length, 512))]);
        break;
      default:
        out = Buffer.from(Array.from({ length: 1 + rng.int(300) }, () => rng.int(256)));
    }
  }
  return out;
}

test('fuzzed input never crashes the sensor; every connection closes with what it sent recorded', async () => {
  const t = await startWebApp({ http: { idle_timeout_s: 2, max_connections_per_source: 64 } });
  try {
    const port = t.app.port('http');
    const rng = new SeededRng(20261125);
    const before = process.memoryUsage().heapUsed;
    const inputs: Buffer[] = [];
    for (let i = 0; i < 300; i++) inputs.push(mutate(rng, Buffer.from(SEEDS[rng.int(SEEDS.length)]!, 'latin1')));
    for (let i = 0; i < inputs.length; i += 30) await Promise.all(inputs.slice(i, i + 30).map((d) => exchange(port, d)));
    assert.match(await exchange(port, Buffer.from('GET / HTTP/1.0\r\n\r\n')), /^HTTP\/1\.1 200 OK\r\n/);
    await t.app.settle();
    const all = await t.app.store.events({ limit: 1_000_000 });
    const by = new Map<string, PhantomEvent[]>();
    for (const e of all) by.set(e.session, [...(by.get(e.session) ?? []), e]);
    assert.equal(by.size, inputs.length + 1);
    let unrecorded = 0;
    for (const ev of by.values()) {
      assert.equal(ev.at(-1)?.eventid, 'session.closed');
      if (!ev.some((e) => e.eventid === 'http.request' || e.eventid === 'protocol.error')) unrecorded++;
    }
    // Only inputs cut before a request line ended (nothing to parse yet) may leave no request or error.
    const empty = inputs.filter((d) => !d.includes('\n')).length;
    assert.ok(unrecorded <= empty, `${unrecorded} sessions without a record, ${empty} inputs without a line`);
    assert.ok(process.memoryUsage().heapUsed - before < 32 * 1024 * 1024);
  } finally {
    await t.cleanup();
  }
});

test('oversized headers, too many header fields and oversized bodies are bounded and recorded', async () => {
  const t = await startWebApp({ http: { max_header_bytes: 2048, max_headers: 10, max_body_kib: 1 } });
  try {
    const port = t.app.port('http');
    const big = await exchange(port, Buffer.from(`GET / HTTP/1.1\r\nHost: a\r\nX-Big: ${'b'.repeat(4000)}\r\n\r\n`));
    assert.match(big, /^HTTP\/1\.1 400 Bad Request\r\n/);
    const many = await exchange(port, Buffer.from(`GET / HTTP/1.1\r\n${Array.from({ length: 12 }, (_, i) => `X-H${i}: v`).join('\r\n')}\r\n\r\n`));
    assert.match(many, /^HTTP\/1\.1 400 Bad Request\r\n/);
    const body = 'x'.repeat(5000);
    const post = await exchange(port, Buffer.from(`POST /admin/ HTTP/1.1\r\nHost: a\r\nContent-Length: ${body.length}\r\n\r\n${body}`));
    assert.match(post, /^HTTP\/1\.1 200 OK\r\n/);
    const errors = await eventsOf(t, 'protocol.error');
    assert.ok(errors.some((e) => e.message.startsWith('HPE_HEADER_OVERFLOW') && e.data_hex.length <= 512));
    const reqs = await eventsOf(t, 'http.request');
    assert.ok(reqs.some((e) => e.status === 400 && e.headers.length > 10), JSON.stringify(reqs.map((e) => [e.status, e.headers.length])));
    const p = reqs.find((e) => e.method === 'POST');
    assert.ok(p && p.body.length === 1024 && p.body_length === 5000 && p.body_truncated);
  } finally {
    await t.cleanup();
  }
});
