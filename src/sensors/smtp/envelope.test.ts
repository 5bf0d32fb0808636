// MAIL FROM / RCPT TO argument parsing and the ESMTP parameters Postfix accepts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkParams, parseEnvelope } from './envelope.js';

test('addresses with and without angle brackets, spaces after the colon, parameters', () => {
  assert.deepEqual(parseEnvelope('FROM:<a@b.c> SIZE=10 BODY=8BITMIME', 'FROM'), { ok: true, address: 'a@b.c', params: ['SIZE=10', 'BODY=8BITMIME'] });
  assert.deepEqual(parseEnvelope('to: <x@y>', 'TO'), { ok: true, address: 'x@y', params: [] });
  assert.deepEqual(parseEnvelope('TO:x@y NOTIFY=NEVER', 'TO'), { ok: true, address: 'x@y', params: ['NOTIFY=NEVER'] });
  assert.deepEqual(parseEnvelope('FROM:<>', 'FROM'), { ok: true, address: '', params: [] });
  assert.deepEqual(parseEnvelope('FROM:', 'FROM'), { ok: false, problem: 'syntax' });
  assert.deepEqual(parseEnvelope('TO:<x@y>', 'FROM'), { ok: false, problem: 'syntax' });
  assert.deepEqual(parseEnvelope('FROM:<a@b', 'FROM'), { ok: false, problem: 'address' });
  assert.deepEqual(parseEnvelope('FROM:<a <b>', 'FROM'), { ok: false, problem: 'address' });
});

test('parameters: known ones pass, SIZE is checked, unknown ones are named', () => {
  assert.equal(checkParams(['SIZE=100', 'body=7BIT', 'SMTPUTF8'], 'MAIL', 1000), undefined);
  assert.deepEqual(checkParams(['SIZE=1001'], 'MAIL', 1000), { kind: 'too_big' });
  assert.deepEqual(checkParams(['SIZE=-1'], 'MAIL', 1000), { kind: 'bad_size' });
  assert.deepEqual(checkParams(['NOTIFY=NEVER'], 'MAIL', 1000), { kind: 'unsupported', param: 'NOTIFY=NEVER' });
  assert.equal(checkParams(['NOTIFY=NEVER', 'ORCPT=rfc822;x@y'], 'RCPT', 1000), undefined);
});
