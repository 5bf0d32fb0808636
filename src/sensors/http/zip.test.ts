import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildZip, crc32 } from './zip.js';

test('crc32 matches the standard check value', () => {
  assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
});

test('the archive has local headers, a central directory and an end record that point at each other', () => {
  const zip = buildZip([
    { name: 'a.txt', data: Buffer.from('hello'), mtime: new Date('2025-03-02T03:15:02Z') },
    { name: 'b/c.sql', data: Buffer.from('select 1;'), mtime: new Date('2025-03-02T03:15:02Z') },
  ]);
  const end = zip.length - 22;
  assert.equal(zip.readUInt32LE(end), 0x06054b50);
  assert.equal(zip.readUInt16LE(end + 10), 2);
  const cdOffset = zip.readUInt32LE(end + 16);
  assert.equal(zip.readUInt32LE(cdOffset), 0x02014b50);
  assert.equal(zip.readUInt32LE(0), 0x04034b50);
  assert.equal(zip.subarray(30, 35).toString(), 'a.txt');
  assert.equal(zip.readUInt32LE(14), crc32(Buffer.from('hello')));
});
