import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allowedTarget, parseEprt, parsePort } from './port-address.js';

test('PORT: six numbers 0-255 give host and port', () => {
  assert.deepEqual(parsePort('127,0,0,1,200,10'), { host: '127.0.0.1', port: 51210 });
  assert.equal(parsePort('127,0,0,1,256,1'), undefined);
  assert.equal(parsePort('127,0,0,1,200'), undefined);
  assert.equal(parsePort('a,b,c,d,e,f'), undefined);
});

test('EPRT: "|" delimited, protocol 2 only on IPv6 control connections', () => {
  assert.deepEqual(parseEprt('|1|127.0.0.1|4000|', false), { ok: true, target: { host: '127.0.0.1', port: 4000 } });
  assert.deepEqual(parseEprt('|2|::1|4000|', false), { ok: false, reason: 'protocol' });
  assert.deepEqual(parseEprt('|2|::1|4000|', true), { ok: true, target: { host: '::1', port: 4000 } });
  assert.deepEqual(parseEprt('|1|::1|4000|', false), { ok: false, reason: 'syntax' });
  assert.deepEqual(parseEprt('!1!127.0.0.1!4000!', false), { ok: false, reason: 'syntax' });
  assert.deepEqual(parseEprt('|1|127.0.0.1|99999|', false), { ok: false, reason: 'syntax' });
});

test('only the client itself, and never a privileged port', () => {
  assert.equal(allowedTarget({ host: '127.0.0.1', port: 1024 }, '127.0.0.1'), true);
  assert.equal(allowedTarget({ host: '127.0.0.1', port: 1023 }, '127.0.0.1'), false);
  assert.equal(allowedTarget({ host: '10.0.0.1', port: 4000 }, '127.0.0.1'), false);
  assert.equal(allowedTarget({ host: '::ffff:127.0.0.1', port: 4000 }, '127.0.0.1'), true);
});
