// nmap's service detection (-sV) against the SMTP sensor: its probes must identify Postfix smtpd on Debian.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requirePrograms } from '../helpers/programs.js';
import { run } from '../helpers/run.js';
import { startTestApp } from '../helpers/test-app.js';

test('nmap -sV reports Postfix smtpd on Debian with our host name', async (ctx) => {
  if (!requirePrograms(ctx, 'nmap')) return;
  const t = await startTestApp({ smtp: { enabled: true, hostname: 'mx1.corp-mail.net' } });
  try {
    const port = t.app.port('smtp');
    const r = await run('nmap', ['-sV', '-Pn', '-n', '--version-intensity', '2', '-p', String(port), '127.0.0.1', '-oX', '-'], { timeoutMs: 60_000 });
    assert.equal(r.code, 0, r.stderr);
    const service = /<service [^>]*>/.exec(r.stdout)?.[0] ?? '';
    assert.match(service, /name="smtp"/, r.stdout);
    assert.match(service, /product="Postfix smtpd"/, r.stdout);
    assert.match(service, /method="probed"/, r.stdout);
    // nmap's Postfix match line captures the space before the name, as it does for a real Postfix.
    assert.match(service, /hostname=" ?mx1\.corp-mail\.net"/, r.stdout);
    // The NULL probe's greeting decides; nmap never needed the fallback probes (no "tcpwrapped" or fingerprint).
    assert.doesNotMatch(r.stdout, /servicefp=/);
    await t.app.settle();
    const events = await t.app.store.events({ limit: 10_000 });
    assert.ok(events.some((e) => e.eventid === 'session.connect' && e.protocol === 'smtp'));
  } finally {
    await t.cleanup();
  }
});
