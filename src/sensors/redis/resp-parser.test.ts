// Unit tests of the Redis request parser: framing, incremental input, Redis's error texts and our limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { INLINE_MAX, RespParser, splitArgs, type Parsed } from './resp-parser.js';

const limits = { maxArgs: 8, maxBulkBytes: 1024 };
const words = (p: Parsed[]): (string[] | string)[] => p.map((x) => (x.kind === 'command' ? x.argv.map((a) => a.toString('latin1')) : x.message));

test('multibulk and inline commands, pipelined in one chunk', () => {
  const p = new RespParser(limits);
  const out = p.push(Buffer.from('*2\r\n$4\r\nECHO\r\n$3\r\na b\r\nPING\r\n\r\n*0\r\n*-1\r\nset k "v 1"\n'));
  assert.deepEqual(words(out), [['ECHO', 'a b'], ['PING'], ['set', 'k', 'v 1']]);
  assert.equal(p.buffered, 0);
});

test('the same bytes fed one at a time give the same commands', () => {
  const input = Buffer.from('*3\r\n$3\r\nSET\r\n$1\r\nx\r\n$10\r\nssh-rsa\r\nA\r\nPING\r\n');
  const p = new RespParser(limits);
  const out: Parsed[] = [];
  for (const b of input) out.push(...p.push(Buffer.from([b])));
  assert.deepEqual(words(out), [['SET', 'x', 'ssh-rsa\r\nA'], ['PING']]);
});

test("Redis 7's protocol error texts, and nothing is parsed after one", () => {
  const cases: [string, string][] = [
    ['*x\r\n', 'Protocol error: invalid multibulk length'],
    ['*9\r\n', 'Protocol error: invalid multibulk length'],
    ['*1\r\n$-1\r\n', 'Protocol error: invalid bulk length'],
    ['*1\r\n$1025\r\n', 'Protocol error: invalid bulk length'],
    ['*1\r\n+PING\r\n', "Protocol error: expected '$', got '+'"],
    ['set "a\r\n', 'Protocol error: unbalanced quotes in request'],
  ];
  for (const [input, message] of cases) {
    const p = new RespParser(limits);
    const out = p.push(Buffer.from(input + 'PING\r\n'));
    assert.deepEqual(words(out), [message], input);
    assert.deepEqual(p.push(Buffer.from('PING\r\n')), []);
  }
});

test('an inline line without newline is refused past 64 KiB, as Redis does', () => {
  const p = new RespParser(limits);
  assert.deepEqual(p.push(Buffer.alloc(INLINE_MAX, 0x61)), []);
  const out = p.push(Buffer.from('a'));
  assert.deepEqual(words(out), ['Protocol error: too big inline request']);
  const e = out[0];
  assert.ok(e?.kind === 'error' && e.data.length === 256);
});

test('a multibulk count line without CR is refused past 64 KiB', () => {
  const p = new RespParser(limits);
  assert.deepEqual(words(p.push(Buffer.from('*' + '1'.repeat(INLINE_MAX + 1)))), ['Protocol error: too big mbulk count string']);
});

test('sdssplitargs quoting: escapes, hex, single quotes, closing quote must end the word', () => {
  const s = (x: string) => splitArgs(Buffer.from(x))?.map((b) => b.toString('latin1'));
  assert.deepEqual(s('  set  "a\\x41\\n" \'it\\\'s\'  '), ['set', 'aA\n', "it's"]);
  assert.deepEqual(s(''), []);
  assert.equal(s('"abc"def'), undefined);
  assert.equal(s("'abc"), undefined);
});

test('one command holds at most twice the bulk cap in total; beyond, the client is dropped without a reply', () => {
  const p = new RespParser(limits);
  const bulk = `$1000\r\n${'a'.repeat(1000)}\r\n`;
  const out = p.push(Buffer.from(`*3\r\n${bulk}${bulk}${bulk}`));
  assert.equal(out.length, 1);
  assert.ok(out[0]?.kind === 'error' && out[0].silent === true && out[0].message === 'query buffer limit reached');
});
