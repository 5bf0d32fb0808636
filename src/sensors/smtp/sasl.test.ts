// SASL decoding: strict base64 and the three parts of PLAIN.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeSaslBase64, parsePlain, saslStep } from './sasl.js';

test('strict base64; "=" is the empty response', () => {
  assert.equal(decodeSaslBase64('YWRtaW4=')?.toString(), 'admin');
  assert.equal(decodeSaslBase64('=')?.length, 0);
  assert.equal(decodeSaslBase64('YWRtaW4'), undefined, 'length not a multiple of 4');
  assert.equal(decodeSaslBase64('not base64!'), undefined);
});

test('PLAIN: authzid, authcid, password; anything else kept as the username', () => {
  assert.deepEqual(parsePlain(Buffer.from('\0root\0toor')), { authzid: '', username: 'root', password: 'toor', wellFormed: true });
  assert.deepEqual(parsePlain(Buffer.from('boss\0root\0a\0b')), { authzid: '', username: 'boss\0root\0a\0b', password: '', wellFormed: false });
});

test('saslStep: LOGIN asks for the password after the username; PLAIN answers at once; "*" aborts', () => {
  assert.deepEqual(saslStep({ mech: 'LOGIN' }, 'dXNlcg=='), { kind: 'more', step: { mech: 'LOGIN', username: 'user' } });
  assert.deepEqual(saslStep({ mech: 'LOGIN', username: 'user' }, 'cGFzcw=='), { kind: 'credentials', method: 'smtp-login', username: 'user', password: 'pass' });
  assert.deepEqual(saslStep({ mech: 'PLAIN' }, Buffer.from('boss\0root\0pw').toString('base64')), {
    kind: 'credentials', method: 'smtp-plain', username: 'root', password: 'pw', authzid: 'boss',
  });
  const odd = saslStep({ mech: 'PLAIN' }, Buffer.from('rootpw').toString('base64'));
  assert.ok(odd.kind === 'credentials' && odd.username === 'rootpw' && odd.malformed?.toString() === 'rootpw');
  assert.deepEqual(saslStep({ mech: 'LOGIN' }, '*'), { kind: 'aborted' });
  assert.deepEqual(saslStep({ mech: 'PLAIN' }, '%%%'), { kind: 'not_base64' });
});
