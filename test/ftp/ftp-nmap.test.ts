// nmap's service detection (-sV) names the sensor vsftpd 3.0.3, from the greeting its NULL probe reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requirePrograms } from '../helpers/programs.js';
import { run } from '../helpers/run.js';
import { startTestApp } from '../helpers/test-app.js';

test('nmap -sV reports product vsftpd, version 3.0.3', async (ctx) => {
  if (!requirePrograms(ctx, 'nmap')) return;
  const t = await startTestApp({ ftp: { enabled: true } });
  try {
    const port = String(t.app.port('ftp'));
    const r = await run('nmap', ['-sV', '-Pn', '-n', '--version-intensity', '2', '-p', port, '127.0.0.1', '-oX', '-'], { timeoutMs: 60_000 });
    assert.equal(r.code, 0, r.stderr);
    const service = /<port protocol="tcp" portid="(\d+)"><state state="open"[^>]*\/><service ([^>]*)/.exec(r.stdout);
    assert.ok(service, r.stdout);
    assert.equal(service[1], port);
    assert.match(service[2]!, /name="ftp"/);
    assert.match(service[2]!, /product="vsftpd"/);
    assert.match(service[2]!, /version="3\.0\.3"/);
    assert.match(service[2]!, /method="probed"/);
  } finally {
    await t.cleanup();
  }
});
