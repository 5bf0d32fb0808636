// The DATA reader: end line, dot-stuffing, bare LF, bytes split anywhere, capture cap and whole-message hash.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { InputBuffer } from './input-buffer.js';
import { MessageReader } from './message-reader.js';

function feed(chunks: string[], cap = 1024) {
  const input = new InputBuffer();
  const reader = new MessageReader(cap);
  for (const c of chunks) {
    input.push(Buffer.from(c, 'latin1'));
    const m = reader.read(input);
    if (m) return { m, rest: input.peek().toString('latin1') };
  }
  return undefined;
}

test('the lone dot line ends the message; the bytes after it stay for the command reader', () => {
  const r = feed(['Subject: a\r\n\r\n..x\r\n.\r\nQUIT\r\n']);
  assert.ok(r);
  assert.equal(r.m.captured.toString(), 'Subject: a\r\n\r\n.x\r\n');
  assert.equal(r.rest, 'QUIT\r\n');
  assert.equal(r.m.shasum, createHash('sha256').update('Subject: a\r\n\r\n.x\r\n').digest('hex'));
});

test('split in every possible place, including between "." "\\r" and "\\n"', () => {
  const whole = 'a\r\n.\rb\r\n.. \n.\r\n';
  for (let i = 1; i < whole.length; i++) {
    const r = feed([whole.slice(0, i), whole.slice(i)]);
    assert.ok(r, `split at ${i}`);
    assert.equal(r.m.captured.toString('latin1'), 'a\r\n\rb\r\n. \n', `split at ${i}`);
  }
  assert.equal(feed(['a\n.\n'])?.m.captured.toString(), 'a\n', 'bare LF end line');
  assert.equal(feed(['a\r\n. \r\n']), undefined, '". " is not the end');
});

test('past the cap the bytes are counted and hashed, not kept', () => {
  const body = 'x'.repeat(5000) + '\r\n';
  const r = feed([body.slice(0, 100), body.slice(100), '.\r\n'], 1000);
  assert.ok(r);
  assert.equal(r.m.size, body.length);
  assert.equal(r.m.captured.length, 1000);
  assert.equal(r.m.truncated, true);
  assert.equal(r.m.shasum, createHash('sha256').update(body).digest('hex'));
});
