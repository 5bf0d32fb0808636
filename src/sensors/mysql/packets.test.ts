// Unit tests of MySQL packet framing and the basic packet encoders.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PacketReader, errPacket, frame, lenencInt, okPacket, readLenenc } from './packets.js';

test('the reader splits packets across and within chunks', () => {
  const r = new PacketReader(1024);
  const two = Buffer.concat([frame(0, Buffer.from('\x0eping')), frame(0, Buffer.from('\x03SELECT 1'))]);
  r.push(two.subarray(0, 3));
  assert.deepEqual(r.next(), { kind: 'need_more' });
  r.push(two.subarray(3, 12));
  const first = r.next();
  assert.ok(first.kind === 'frame');
  assert.deepEqual(first.frame, { seq: 0, payload: Buffer.from('\x0eping') });
  assert.deepEqual(r.next(), { kind: 'need_more' });
  r.push(two.subarray(12));
  const second = r.next();
  assert.ok(second.kind === 'frame' && second.frame.payload.toString() === '\x03SELECT 1');
  assert.equal(r.pending().length, 0);
});

test('a length over the cap is reported from the header alone, before the body arrives', () => {
  const r = new PacketReader(1024);
  r.push(Buffer.from([0xff, 0xff, 0xff, 0x00]));
  const big = r.next();
  assert.ok(big.kind === 'too_big');
  assert.equal(big.length, 0xffffff);
  assert.equal(big.seq, 0);
});

test('length-encoded integers round-trip at every width and reject truncation', () => {
  for (const n of [0, 250, 251, 65535, 65536, 0xffffff, 0x1000000]) {
    assert.deepEqual(readLenenc(lenencInt(n), 0), { value: n, next: lenencInt(n).length });
  }
  assert.equal(readLenenc(Buffer.from([0xfc, 0x01]), 0), undefined);
  assert.equal(readLenenc(Buffer.from([0xfb]), 0), undefined);
});

test('OK and ERR packets have the layout mysqld sends', () => {
  assert.deepEqual(okPacket(2), Buffer.from([0, 0, 0, 2, 0, 0, 0]));
  assert.deepEqual(errPacket(1045, '28000', 'x', true), Buffer.from('\xff\x15\x04#28000x', 'latin1'));
  assert.deepEqual(errPacket(1043, '08S01', 'Bad handshake', false), Buffer.from('\xff\x13\x04Bad handshake', 'latin1'));
});

test('a body trickled one byte at a time is assembled once complete', () => {
  const r = new PacketReader(1 << 20);
  const packet = frame(0, Buffer.alloc(50_000, 0x41));
  for (let i = 0; i < packet.length - 1; i++) {
    r.push(packet.subarray(i, i + 1));
    assert.equal(r.next().kind, 'need_more');
  }
  r.push(packet.subarray(packet.length - 1));
  const done = r.next();
  assert.ok(done.kind === 'frame' && done.frame.payload.length === 50_000);
});
