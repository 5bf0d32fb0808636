import { test } from 'node:test';
import assert from 'node:assert/strict';
import { multipartBoundary, parseMultipartFiles } from './multipart.js';

const body = (b: string): Buffer =>
  Buffer.from(
    `--${b}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n` +
      `--${b}\r\nContent-Disposition: form-data; name="file"; filename="x.php"\r\nContent-Type: application/octet-stream\r\n\r\n<?php system($_GET[1]); ?>\r\n--${b}--\r\n`,
    'latin1',
  );

test('finds the boundary and the file part, skipping plain fields', () => {
  const b = multipartBoundary('multipart/form-data; boundary=------------------------abc123');
  assert.equal(b, '------------------------abc123');
  const files = parseMultipartFiles(body(b!), b!);
  assert.equal(files.length, 1);
  assert.equal(files[0]!.filename, 'x.php');
  assert.equal(files[0]!.field, 'file');
  assert.equal(files[0]!.data.toString(), '<?php system($_GET[1]); ?>');
  assert.equal(files[0]!.truncated, false);
});

test('a body cut inside the file part gives a truncated file; garbage gives none', () => {
  const full = body('XX');
  const cut = full.subarray(0, full.indexOf('system') + 3);
  const files = parseMultipartFiles(cut, 'XX');
  assert.equal(files[0]!.truncated, true);
  assert.equal(files[0]!.data.toString(), '<?php sys');
  assert.deepEqual(parseMultipartFiles(Buffer.from('\x00\xff--XX\r\n', 'latin1'), 'XX'), []);
  assert.equal(multipartBoundary('text/plain'), undefined);
});
