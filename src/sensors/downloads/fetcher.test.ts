import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DownloadsConfigSchema } from '../../schema/config/shell.js';
import { DownloadService, MAX_REDIRECTS, type Resolver } from './fetcher.js';
import { DestinationRateLimiter } from './rate-limits.js';
import type { FetchRequest } from './types.js';

interface Local {
  server: Server;
  port: number;
  requests: IncomingMessage[];
}

const servers: Server[] = [];
after(() => {
  for (const s of servers) s.closeAllConnections();
  return Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void, host = '127.0.0.1'): Promise<Local> {
  const requests: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    requests.push(req);
    handler(req, res);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, host, r));
  return { server, port: (server.address() as AddressInfo).port, requests };
}

const config = (over: Record<string, unknown> = {}) => DownloadsConfigSchema.parse({ fetch: true, allow_cidrs: ['127.0.0.1/32'], ...over });
const get = (url: string, over: Partial<FetchRequest> = {}): FetchRequest => ({ url, headers: [['User-Agent', 'Wget/1.21.3']], followRedirects: true, insecure: false, ...over });
const table = (names: Record<string, string[]>): Resolver => async (host) => {
  const hit = names[host];
  if (!hit) throw Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' });
  return hit;
};

test('fetches from an allowed address, connecting to the address the name resolved to, with the tool headers', async () => {
  const local = await serve((_req, res) => res.end('#!/bin/sh\necho hi\n'));
  const svc = new DownloadService(config(), { resolve: table({ 'drop.example': ['127.0.0.1'] }) });
  const out = await svc.forSession().fetch(get(`http://drop.example:${local.port}/x.sh`));
  assert.equal(out.ok, true);
  assert.ok(out.ok);
  assert.equal(out.body.toString(), '#!/bin/sh\necho hi\n');
  assert.equal(out.truncated, false);
  assert.equal(out.hops[0]?.connectedTo, '127.0.0.1');
  assert.deepEqual(out.hops[0]?.addresses, ['127.0.0.1']);
  const req = local.requests[0]!;
  assert.equal(req.headers.host, `drop.example:${local.port}`);
  assert.equal(req.headers['user-agent'], 'Wget/1.21.3');
  assert.equal(req.headers.cookie, undefined);
});

test('loopback is refused without allow_cidrs, and no connection is made', async () => {
  const local = await serve((_req, res) => res.end('x'));
  let connections = 0;
  local.server.on('connection', () => connections++);
  const svc = new DownloadService(config({ allow_cidrs: [] }), { resolve: table({ 'evil.example': ['127.0.0.1'] }) });
  const session = svc.forSession();
  for (const url of [`http://127.0.0.1:${local.port}/x`, `http://evil.example:${local.port}/x`, `http://[::ffff:127.0.0.1]:${local.port}/x`, `http://0x7f.1:${local.port}/x`]) {
    const out = await session.fetch(get(url));
    assert.equal(out.ok, false, url);
    assert.ok(!out.ok);
    assert.equal(out.reason, 'refused_address', url);
  }
  assert.equal(connections, 0);
  assert.equal(local.requests.length, 0);
});

test('one forbidden address among the answers refuses the whole name (no rebinding through a mixed answer)', async () => {
  const local = await serve((_req, res) => res.end('x'));
  const svc = new DownloadService(config(), { resolve: table({ 'mixed.example': ['127.0.0.1', '10.0.0.5'] }) });
  const out = await svc.forSession().fetch(get(`http://mixed.example:${local.port}/`));
  assert.ok(!out.ok);
  assert.equal(out.reason, 'refused_address');
  assert.equal(local.requests.length, 0);
});

test('each redirect hop is re-checked: a hop to a forbidden address is refused before connecting', async () => {
  const target = await serve((_req, res) => res.end('secret'), '127.0.0.2');
  const first = await serve((_req, res) => {
    res.writeHead(302, { Location: `http://127.0.0.2:${target.port}/meta` });
    res.end();
  });
  const svc = new DownloadService(config(), { resolve: table({}) });
  const out = await svc.forSession().fetch(get(`http://127.0.0.1:${first.port}/`));
  assert.ok(!out.ok);
  assert.equal(out.reason, 'refused_address');
  assert.equal(out.hops.length, 2);
  assert.equal(out.hops[0]?.status, 302);
  assert.equal(target.requests.length, 0);
});

test('redirects to allowed places are followed, at most MAX_REDIRECTS times; without following, the 3xx is the answer', async () => {
  let n = 0;
  const loop = await serve((req, res) => {
    n++;
    if (req.url === '/end') return res.end('done');
    res.writeHead(301, { Location: req.url === '/a' ? '/end' : `/loop${n}` });
    res.end('moved');
  });
  const svc = new DownloadService(config(), { resolve: table({}) });
  const ok = await svc.forSession().fetch(get(`http://127.0.0.1:${loop.port}/a`));
  assert.ok(ok.ok);
  assert.equal(ok.body.toString(), 'done');
  assert.equal(ok.hops.length, 2);
  n = 0;
  const tooMany = await svc.forSession().fetch(get(`http://127.0.0.1:${loop.port}/start`));
  assert.ok(!tooMany.ok);
  assert.equal(tooMany.reason, 'http_error');
  assert.equal(tooMany.detail, 'redirects');
  assert.equal(n, MAX_REDIRECTS + 1);
  const noFollow = await svc.forSession().fetch(get(`http://127.0.0.1:${loop.port}/a`, { followRedirects: false }));
  assert.ok(noFollow.ok);
  assert.equal(noFollow.status, 301);
  assert.equal(noFollow.body.toString(), 'moved');
});

test('the size cap cuts the body and flags it; exactly the cap is a whole file', async () => {
  const big = await serve((req, res) => res.end(Buffer.alloc(req.url === '/exact' ? 2048 : 100_000, 0x41)));
  const svc = new DownloadService(config({ max_bytes: 2048 }), { resolve: table({}) });
  const cut = await svc.forSession().fetch(get(`http://127.0.0.1:${big.port}/big`));
  assert.ok(cut.ok);
  assert.equal(cut.body.length, 2048);
  assert.equal(cut.truncated, true);
  const exact = await svc.forSession().fetch(get(`http://127.0.0.1:${big.port}/exact`));
  assert.ok(exact.ok);
  assert.equal(exact.body.length, 2048);
  assert.equal(exact.truncated, false);
});

test('a server that stalls hits the total time cap', async () => {
  const stall = await serve(() => {
    // Never answers.
  });
  const svc = new DownloadService(config({ timeout_s: 1 }), { resolve: table({}) });
  const out = await svc.forSession().fetch(get(`http://127.0.0.1:${stall.port}/`));
  assert.ok(!out.ok);
  assert.equal(out.reason, 'timeout');
  assert.equal(out.afterConnect, true);
  assert.equal(stall.requests.length, 1);
});

test('per-session budget: the fetch past max_per_session is refused without a connection', async () => {
  const local = await serve((_req, res) => res.end('x'));
  const svc = new DownloadService(config({ max_per_session: 2, max_per_destination_per_minute: 100 }), { resolve: table({}) });
  const session = svc.forSession();
  const url = `http://127.0.0.1:${local.port}/`;
  assert.equal((await session.fetch(get(url))).ok, true);
  assert.equal((await session.fetch(get(url))).ok, true);
  const third = await session.fetch(get(url));
  assert.ok(!third.ok);
  assert.equal(third.reason, 'rate_limited');
  assert.equal(local.requests.length, 2);
  // Another session has its own budget.
  assert.equal((await svc.forSession().fetch(get(url))).ok, true);
});

test('per-destination budget is shared by all sessions and slides over one minute', async () => {
  const local = await serve((_req, res) => res.end('x'));
  let now = 1_000_000;
  const svc = new DownloadService(config({ max_per_destination_per_minute: 2 }), { resolve: table({}), now: () => now });
  const url = `http://127.0.0.1:${local.port}/`;
  assert.equal((await svc.forSession().fetch(get(url))).ok, true);
  assert.equal((await svc.forSession().fetch(get(url))).ok, true);
  const over = await svc.forSession().fetch(get(url));
  assert.ok(!over.ok);
  assert.equal(over.reason, 'rate_limited');
  assert.equal(local.requests.length, 2);
  now += 60_001;
  assert.equal((await svc.forSession().fetch(get(url))).ok, true);
});

test('DestinationRateLimiter counts hosts case-insensitively and forgets old hits', () => {
  let now = 0;
  const lim = new DestinationRateLimiter(1, () => now);
  assert.equal(lim.tryAcquire('Evil.Example'), true);
  assert.equal(lim.tryAcquire('evil.example'), false);
  assert.equal(lim.tryAcquire('other.example'), true);
  now = 60_000;
  assert.equal(lim.tryAcquire('evil.example'), true);
});

test('unresolvable names, unsupported schemes and fetching off never connect', async () => {
  const svc = new DownloadService(config(), { resolve: table({}) });
  const s = svc.forSession();
  const unresolved = await s.fetch(get('http://nowhere.invalid/x'));
  assert.ok(!unresolved.ok);
  assert.equal(unresolved.reason, 'unresolved');
  for (const url of ['ftp://127.0.0.1/x', 'tftp://127.0.0.1/x', 'file:///etc/passwd']) {
    const out = await s.fetch(get(url));
    assert.ok(!out.ok);
    assert.equal(out.reason, 'protocol_unsupported', url);
  }
  const off = new DownloadService(config({ fetch: false }), { resolve: table({}) }).forSession();
  assert.equal(off.enabled, false);
  const disabled = await off.fetch(get('http://127.0.0.1/x'));
  assert.ok(!disabled.ok);
  assert.equal(disabled.reason, 'disabled');
});

test('a refused connection to an allowed address is connect_failed with the errno', async () => {
  const closed = await serve(() => {});
  const port = closed.port;
  await new Promise((r) => closed.server.close(r));
  const svc = new DownloadService(config(), { resolve: table({}) });
  const out = await svc.forSession().fetch(get(`http://127.0.0.1:${port}/`));
  assert.ok(!out.ok);
  assert.equal(out.reason, 'connect_failed');
  assert.equal(out.detail, 'ECONNREFUSED');
  assert.equal(out.afterConnect, false);
});
