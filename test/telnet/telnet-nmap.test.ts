// nmap -sV names each persona as the daemon it impersonates, from the opening negotiation bytes alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requirePrograms } from '../helpers/programs.js';
import { run } from '../helpers/run.js';
import { startTestApp } from '../helpers/test-app.js';

async function nmapProduct(persona: string): Promise<string> {
  const t = await startTestApp({ telnet: { persona } });
  try {
    const r = await run('nmap', ['-sV', '-Pn', '-p', String(t.app.port('telnet')), '127.0.0.1', '-oX', '-'], { timeoutMs: 55_000 });
    const service = /<service [^>]*>/.exec(r.stdout)?.[0] ?? '';
    assert.doesNotMatch(service, /cowrie|honeypot/i);
    return /product="([^"]*)"/.exec(service)?.[1] ?? `no product in: ${service || r.stdout}`;
  } finally {
    await t.cleanup();
  }
}

test('nmap -sV: the Debian persona is "Linux telnetd", the IoT persona "BusyBox telnetd"', async (ctx) => {
  if (!requirePrograms(ctx, 'nmap')) return;
  const [debian, busybox] = await Promise.all([nmapProduct('netkit-telnetd-debian-12'), nmapProduct('busybox-telnetd-iot')]);
  assert.equal(debian, 'Linux telnetd');
  assert.equal(busybox, 'BusyBox telnetd');
});
