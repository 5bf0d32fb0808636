import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IdentGuard, refusal } from './ident-guard.js';

test('the lines OpenSSH 9.2 sends before dropping a bad identification, CRLF-terminated', () => {
  assert.equal(refusal('GET / HTTP/1.1'), 'Invalid SSH identification string.\r\n');
  assert.equal(refusal('SSH-2.0'), 'Invalid SSH identification string.\r\n');
  assert.equal(refusal('SSH-1.5-PuTTY'), 'Protocol major versions differ.\r\n');
  assert.equal(refusal('SSH-2.0-OpenSSH_9.6'), undefined);
  assert.equal(refusal('SSH-1.99-OpenSSH_3.0'), undefined);
});

test('the guard decides once, on the first complete line, across chunks', () => {
  const g = new IdentGuard();
  assert.equal(g.feed(Buffer.from('GET / HT')), undefined);
  assert.equal(g.feed(Buffer.from('TP/1.1\r\nHost: x\r\n')), 'Invalid SSH identification string.\r\n');
  assert.equal(g.feed(Buffer.from('GET /\r\n')), undefined);
  const ok = new IdentGuard();
  assert.equal(ok.feed(Buffer.from('SSH-2.0-x\r\n\0\0\0')), undefined);
  assert.equal(ok.feed(Buffer.from('junk\n')), undefined);
});
