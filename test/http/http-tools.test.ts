// Real attack tools against the HTTP sensor: nmap -sV must name Apache httpd 2.4.62 (Debian), and every
// request sqlmap sends (counted in its -t traffic file) must be stored as an http.request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requirePrograms } from '../helpers/programs.js';
import { run } from '../helpers/run.js';
import { eventsOf, startWebApp } from './http-helpers.js';

test('nmap -sV identifies Apache httpd 2.4.62 (Debian)', async (ctx) => {
  if (!requirePrograms(ctx, 'nmap')) return;
  const t = await startWebApp();
  try {
    const port = t.app.port('http');
    const r = await run('nmap', ['-sV', '-Pn', '-n', '--version-intensity', '5', '-p', String(port), '127.0.0.1', '-oX', '-'], { timeoutMs: 60_000 });
    assert.equal(r.code, 0, r.stderr);
    const service = /<service [^>]*>/.exec(r.stdout)?.[0] ?? '';
    assert.match(service, /name="http"/, r.stdout);
    assert.match(service, /product="Apache httpd"/, service);
    assert.match(service, /version="2\.4\.62"/, service);
    assert.match(service, /extrainfo="\(Debian\)"/, service);
  } finally {
    await t.cleanup();
  }
});

test('sqlmap runs to completion and every request it sent is stored as an http.request', async (ctx) => {
  if (!requirePrograms(ctx, 'sqlmap')) return;
  const t = await startWebApp();
  try {
    const port = t.app.port('http');
    const out = mkdtempSync(join(tmpdir(), 'pn-sqlmap-'));
    const traffic = join(out, 'traffic.txt');
    const r = await run(
      'sqlmap',
      ['-u', `http://127.0.0.1:${port}/product.php?id=1`, '--batch', '-t', traffic, '--level', '1', '--risk', '1', '--technique=B', '--flush-session', '--output-dir', out, '--disable-coloring', '--timeout', '10', '--retries', '0'],
      { timeoutMs: 90_000, env: { ...process.env, HOME: out } },
    );
    assert.equal(r.code, 0, r.stdout.slice(-2000) + r.stderr);
    assert.match(r.stdout, /all tested parameters do not appear to be injectable|GET parameter 'id' (?:is|does not seem to be)/);
    const sent = (readFileSync(traffic, 'utf8').match(/^HTTP request \[#\d+\]:$/gm) ?? []).length;
    assert.ok(sent > 10, `sqlmap sent only ${sent} requests`);
    const stored = (await eventsOf(t, 'http.request')).filter((e) => e.uri.startsWith('/product.php'));
    assert.equal(stored.length, sent);
    assert.ok(stored.every((e) => e.status === 200));
    assert.ok(stored.some((e) => /AND|ORDER|SELECT|%20/i.test(e.uri)), 'injection payloads are in the recorded URIs');
  } finally {
    await t.cleanup();
  }
});
