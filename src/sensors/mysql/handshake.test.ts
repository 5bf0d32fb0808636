// Unit tests of the greeting encoder, the salt, and the HandshakeResponse parser (4.1 and 3.20 formats).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CLIENT, authSwitchRequest, greeting, newSalt, parseHandshakeResponse } from './handshake.js';

test('salts are 20 bytes of 7-bit characters without NUL or $', () => {
  for (let i = 0; i < 200; i++) {
    const s = newSalt();
    assert.equal(s.length, 20);
    assert.ok(s.every((b) => b >= 1 && b <= 0x7f && b !== 0x24));
  }
});

test('the greeting carries the salt in two parts and the plugin name last', () => {
  const salt = Buffer.from('ABCDEFGHIJKLMNOPQRST');
  const g = greeting({ version: '8.0.39', connectionId: 9, salt, capabilities: 0xdbfff7df, charset: 255, status: 2, authPlugin: 'caching_sha2_password' });
  assert.equal(g.toString('latin1'), '\x0a8.0.39\0\x09\0\0\0ABCDEFGH\0\xdf\xf7\xff\x02\0\xff\xdb\x15' + '\0'.repeat(10) + 'IJKLMNOPQRST\0caching_sha2_password\0');
  assert.deepEqual(authSwitchRequest('mysql_native_password', salt), Buffer.from('\xfemysql_native_password\0ABCDEFGHIJKLMNOPQRST\0', 'latin1'));
});

function response41(caps: number, tail: Buffer): Buffer {
  const fixed = Buffer.alloc(32);
  fixed.writeUInt32LE(caps >>> 0, 0);
  return Buffer.concat([fixed, tail]);
}

test('a 4.1 response with lenenc auth data, a database and a plugin', () => {
  const caps = CLIENT.PROTOCOL_41 | CLIENT.SECURE_CONNECTION | CLIENT.PLUGIN_AUTH | CLIENT.PLUGIN_AUTH_LENENC_CLIENT_DATA | CLIENT.CONNECT_WITH_DB;
  const r = parseHandshakeResponse(response41(caps, Buffer.from('root\0\x03abcshop\0caching_sha2_password\0', 'latin1')));
  assert.deepEqual(r, { capabilities: caps, protocol41: true, username: 'root', authResponse: Buffer.from('abc'), database: 'shop', plugin: 'caching_sha2_password' });
});

test('a 4.1 response without CLIENT_PLUGIN_AUTH means mysql_native_password', () => {
  const caps = CLIENT.PROTOCOL_41 | CLIENT.SECURE_CONNECTION;
  const r = parseHandshakeResponse(response41(caps, Buffer.from('sa\0\x00', 'latin1')));
  assert.equal(r?.plugin, 'mysql_native_password');
  assert.equal(r?.authResponse.length, 0);
});

test('the 3.20 response format gives the old 8-byte scramble', () => {
  const r = parseHandshakeResponse(Buffer.from('\x85\xa0\xff\xff\xffadmin\0ABCDEFGH\0', 'latin1'));
  assert.deepEqual(r, { capabilities: 0xa085, protocol41: false, username: 'admin', authResponse: Buffer.from('ABCDEFGH'), database: undefined, plugin: 'mysql_old_password' });
});

test('truncated or overlong fields are malformed', () => {
  const caps = CLIENT.PROTOCOL_41 | CLIENT.SECURE_CONNECTION;
  assert.equal(parseHandshakeResponse(Buffer.from('ab')), undefined);
  assert.equal(parseHandshakeResponse(response41(caps, Buffer.from('root'))), undefined);
  assert.equal(parseHandshakeResponse(response41(caps, Buffer.from('root\0\x14abc', 'latin1'))), undefined);
  assert.equal(parseHandshakeResponse(response41(caps | CLIENT.PLUGIN_AUTH_LENENC_CLIENT_DATA, Buffer.from('root\0\xfc\xff\xffab', 'latin1'))), undefined);
});
