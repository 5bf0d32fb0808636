// Command-line framing: CRLF or LF, split across chunks, and over-long lines cut at the limit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputBuffer } from './input-buffer.js';

const text = (l: ReturnType<InputBuffer['readLine']>) => (l ? [l.bytes.toString('latin1'), l.overlong] : undefined);

test('lines end at LF with or without CR, and wait for more bytes when incomplete', () => {
  const b = new InputBuffer();
  b.push(Buffer.from('EHLO a\r\nNOOP\nMA'));
  assert.deepEqual(text(b.readLine(16)), ['EHLO a', false]);
  assert.deepEqual(text(b.readLine(16)), ['NOOP', false]);
  assert.equal(b.readLine(16), undefined);
  b.push(Buffer.from('IL\r\r\n'));
  assert.deepEqual(text(b.readLine(16)), ['MAIL\r', false], 'only one CR before LF is part of the line end');
});

test('an over-long line is cut at the limit, its tail discarded, and the next line read whole', () => {
  const b = new InputBuffer();
  b.push(Buffer.from('0123456789'));
  assert.equal(b.readLine(4), undefined);
  assert.equal(b.length, 0, 'the tail is not kept while waiting for LF');
  b.push(Buffer.from('abc\r\nnext\r\n'));
  assert.deepEqual(text(b.readLine(4)), ['0123', true]);
  assert.deepEqual(text(b.readLine(4)), ['next', false]);
});
