import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KexTap, hassh } from './kex-tap.js';

function nameList(items: string[]): Buffer {
  const s = Buffer.from(items.join(','), 'latin1');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(s.length);
  return Buffer.concat([len, s]);
}

function kexinitPacket(lists: string[][]): Buffer {
  const payload = Buffer.concat([Buffer.from([20]), Buffer.alloc(16, 7), ...lists.map(nameList), Buffer.from([0, 0, 0, 0, 0])]);
  const padding = 8 - ((payload.length + 5) % 8) + 4;
  const header = Buffer.alloc(5);
  header.writeUInt32BE(payload.length + padding + 1);
  header[4] = padding;
  return Buffer.concat([header, payload, Buffer.alloc(padding)]);
}

test('HASSH matches the published algorithm (md5 of kex;enc;mac;comp)', () => {
  // Reference value computed independently: md5("curve25519-sha256;aes128-ctr;hmac-sha2-256;none").
  const h = hassh({ kexAlgs: ['curve25519-sha256'], encCS: ['aes128-ctr'], macCS: ['hmac-sha2-256'], compCS: ['none'] });
  assert.equal(h.hasshAlgorithms, 'curve25519-sha256;aes128-ctr;hmac-sha2-256;none');
  assert.equal(h.hassh, 'e97d07603350d1111ec2b64bf25413c9');
});

test('parses ident and KEXINIT fed byte by byte', () => {
  const lists = [['kexA', 'kexB'], ['ssh-ed25519'], ['aes128-ctr'], ['aes256-ctr'], ['hmac-sha1'], ['hmac-sha2-256'], ['none'], ['zlib'], [], []];
  const bytes = Buffer.concat([Buffer.from('SSH-2.0-OpenSSH_9.6\r\n'), kexinitPacket(lists)]);
  const tap = new KexTap();
  let last;
  for (const b of bytes) last = tap.feed(Buffer.from([b]));
  assert.ok(last && last.kind === 'kexinit');
  assert.equal(last.ident, 'SSH-2.0-OpenSSH_9.6');
  assert.deepEqual(last.kex.kexAlgs, ['kexA', 'kexB']);
  assert.deepEqual(last.kex.encCS, ['aes128-ctr']);
  assert.deepEqual(last.kex.macCS, ['hmac-sha1']);
  assert.deepEqual(last.kex.compCS, ['none']);
  assert.deepEqual(last.kex.langCS, []);
  assert.equal(last.kex.hasshAlgorithms, 'kexA,kexB;aes128-ctr;hmac-sha1;none');
});

test('non-SSH bytes are reported as malformed with a sample', () => {
  const tap = new KexTap();
  const r = tap.feed(Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n' + 'A'.repeat(9000) + '\n'));
  assert.equal(r.kind, 'malformed');
  assert.ok(r.kind === 'malformed' && r.sample.length > 0);
});

test('a bad packet length is malformed, not a crash', () => {
  const tap = new KexTap();
  const r = tap.feed(Buffer.concat([Buffer.from('SSH-2.0-x\r\n'), Buffer.from([0xff, 0xff, 0xff, 0xff, 0])]));
  assert.equal(r.kind, 'malformed');
});
