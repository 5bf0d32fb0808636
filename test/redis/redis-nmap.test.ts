// nmap -sV against the Redis sensor names the product; nmap's own redis-server probe match line,
// applied to our answer to that probe, reads the version 7.0.15.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { requirePrograms } from '../helpers/programs.js';
import { run } from '../helpers/run.js';
import { exchange, openSocket, startRedisApp } from './helpers.js';

const PROBES = '/usr/share/nmap/nmap-service-probes';

test('nmap -sV reports "Redis key-value store"', async (ctx) => {
  if (!requirePrograms(ctx, 'nmap')) return;
  const t = await startRedisApp();
  try {
    const port = t.app.port('redis');
    const r = await run('nmap', ['-sV', '-Pn', '-n', '-p', String(port), '127.0.0.1', '-oX', '-'], { timeoutMs: 60_000 });
    assert.equal(r.code, 0, r.stderr);
    const service = /<service [^>]*>/.exec(r.stdout)?.[0] ?? '';
    assert.match(service, /product="Redis key-value store"/, r.stdout);
    // On a port other than 6379 nmap's HTTP probe matches first (Redis answers it with an arity error), so
    // a real Redis shows no version there either; when nmap does print one it must be ours.
    const version = /version="([^"]*)"/.exec(service)?.[1];
    if (version !== undefined) assert.equal(version, '7.0.15');
  } finally {
    await t.cleanup();
  }
});

test("nmap's redis-server probe and match line read version 7.0.15 from the INFO reply", async (ctx) => {
  if (!requirePrograms(ctx, 'nmap')) return;
  const probes = readFileSync(PROBES, 'utf8');
  const section = probes.slice(probes.indexOf('Probe TCP redis-server '));
  const probe = /^Probe TCP redis-server q\|(.*)\|$/m.exec(section)?.[1];
  const match = /^match redis m\|(\^\\\$.*redis_version.*)\|s p\/Redis key-value store\/ v\/\$1\//m.exec(section)?.[1];
  assert.ok(probe && match, 'the redis-server probe and its version match line are in nmap-service-probes');
  const bytes = Buffer.from(probe.replace(/\\r/g, '\r').replace(/\\n/g, '\n'), 'latin1');
  const t = await startRedisApp();
  try {
    const s = await openSocket(t.app.port('redis'));
    const got = await exchange(s, bytes, (b) => /^\$(\d+)\r\n/.test(b.toString('latin1')) && b.length >= Number(/^\$(\d+)/.exec(b.toString('latin1'))![1]) + 8);
    s.destroy();
    const m = new RegExp(match, 's').exec(got.data.toString('latin1'));
    assert.equal(m?.[1], '7.0.15', got.data.toString('latin1').slice(0, 200));
  } finally {
    await t.cleanup();
  }
});
