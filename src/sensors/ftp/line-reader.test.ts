import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineReader, MAX_COMMAND_LINE, splitCommand } from './line-reader.js';

test('lines end at LF, a CR before it is dropped, and a line may arrive in pieces', () => {
  const r = new LineReader();
  assert.deepEqual(r.push(Buffer.from('USER ad')), []);
  assert.deepEqual(r.push(Buffer.from('min\r\nPASS x\nNO')), [
    { kind: 'line', text: 'USER admin' },
    { kind: 'line', text: 'PASS x' },
  ]);
  assert.deepEqual(r.push(Buffer.from('OP\r\n')), [{ kind: 'line', text: 'NOOP' }]);
});

test('NUL, invalid UTF-8 and overlong lines are malformed; the reader recovers at the next LF', () => {
  const r = new LineReader();
  const [nul] = r.push(Buffer.from('USER a\0b\r\n', 'latin1'));
  assert.equal(nul?.kind === 'malformed' && nul.message, 'NUL byte in command line');
  const [bad] = r.push(Buffer.from([0x55, 0xc3, 0x28, 0x0a]));
  assert.equal(bad?.kind === 'malformed' && bad.message, 'command line is not valid UTF-8');
  const long = r.push(Buffer.alloc(MAX_COMMAND_LINE + 1, 0x41));
  assert.equal(long.length, 1);
  assert.equal(long[0]?.kind === 'malformed' && long[0].data.length, 256);
  assert.deepEqual(r.push(Buffer.alloc(10_000, 0x41)), [], 'the rest of the overlong line is dropped');
  assert.deepEqual(r.push(Buffer.from('AAA\r\nSYST\r\n')), [{ kind: 'line', text: 'SYST' }]);
  assert.deepEqual(r.push(Buffer.alloc(MAX_COMMAND_LINE, 0x41)).length, 0, 'exactly the limit is still a line');
});

test('a Telnet IP/DM prefix before ABOR is removed', () => {
  const r = new LineReader();
  assert.deepEqual(r.push(Buffer.from([0xff, 0xf4, 0xff, 0xf2, ...Buffer.from('ABOR\r\n')])), [{ kind: 'line', text: 'ABOR' }]);
});

test('splitCommand upper-cases the verb and keeps the argument verbatim', () => {
  assert.deepEqual(splitCommand('retr My File.txt '), { command: 'RETR', argument: 'My File.txt ' });
  assert.deepEqual(splitCommand('pwd'), { command: 'PWD', argument: '' });
});
