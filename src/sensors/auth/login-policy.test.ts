import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LoginPolicy } from './login-policy.js';
import { ConfigSchema } from '../../schema/config.js';

test('first matching rule decides; ! denies; no match refuses', () => {
  const p = new LoginPolicy([
    { username: 'root', password: '!root' },
    { username: 'root', password: '*' },
    { username: 'adm?n', password: '/^pass\\d+$/' },
    { username: '*', password: 'letmein*' },
  ]);
  assert.equal(p.accepts('root', 'root'), false);
  assert.equal(p.accepts('root', 'anything'), true);
  assert.equal(p.accepts('admin', 'pass123'), true);
  assert.equal(p.accepts('admin', 'pass'), false);
  assert.equal(p.accepts('bob', 'letmein2024'), true);
  assert.equal(p.accepts('bob', 'nope'), false);
  assert.equal(p.accepts('root', 'x'.repeat(2000)), false);
});

test('the default userdb is not accept-all and not refuse-all', () => {
  const p = new LoginPolicy(ConfigSchema.parse({}).auth.users);
  assert.equal(p.accepts('root', 'root'), false);
  assert.equal(p.accepts('root', 'hunter2-not-in-list'), false);
  assert.equal(p.accepts('root', '123456'), true);
  assert.equal(p.accepts('pi', 'raspberry'), true);
  assert.equal(p.accepts('nobody', '123456'), false);
});
