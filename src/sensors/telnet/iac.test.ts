// Unit tests of the Telnet command-layer parser: escapes, subnegotiation, chunking, the size cap, and a fuzz run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DO, IAC, IacParser, OPT, SB, SE, WILL, type IacEvent } from './iac.js';
import { decodeSuboption } from './suboptions.js';

const b = (...xs: (number | string)[]): Buffer => Buffer.concat(xs.map((x) => (typeof x === 'string' ? Buffer.from(x, 'latin1') : Buffer.from([x]))));

function feedAll(p: IacParser, chunks: Buffer[]): IacEvent[] {
  return chunks.flatMap((c) => p.feed(c));
}

test('IAC IAC is a data byte 0xff, and data around it stays in one run', () => {
  const ev = new IacParser().feed(b('a', IAC, IAC, 'b'));
  assert.deepEqual(ev, [{ kind: 'data', bytes: b('a', 0xff, 'b') }]);
});

test('commands in the middle of a line split it in wire order', () => {
  const ev = new IacParser().feed(b('ro', IAC, WILL, OPT.NAWS, 'ot', IAC, 241, '\r\n'));
  assert.deepEqual(ev, [
    { kind: 'data', bytes: b('ro') },
    { kind: 'negotiate', verb: WILL, option: OPT.NAWS },
    { kind: 'data', bytes: b('ot') },
    { kind: 'command', code: 241 },
    { kind: 'data', bytes: b('\r\n') },
  ]);
});

test('a subnegotiation split byte by byte decodes as sent, with IAC IAC inside it', () => {
  const wire = b(IAC, SB, OPT.NAWS, 0, 80, 0, IAC, IAC, IAC, SE, 'x');
  const ev = feedAll(new IacParser(), [...wire].map((x) => Buffer.from([x])));
  assert.deepEqual(ev, [
    { kind: 'subneg', option: OPT.NAWS, data: b(0, 80, 0, 0xff) },
    { kind: 'data', bytes: b('x') },
  ]);
  assert.deepEqual(decodeSuboption(OPT.NAWS, b(0, 80, 0, 24)), { option: 'naws', width: 80, height: 24 });
});

test('terminal type, speed and NEW-ENVIRON replies decode; malformed ones do not throw', () => {
  assert.deepEqual(decodeSuboption(OPT.TTYPE, b(0, 'XTERM')), { option: 'ttype', value: 'XTERM' });
  assert.deepEqual(decodeSuboption(OPT.TSPEED, b(0, '38400,38400')), { option: 'tspeed', value: '38400,38400' });
  assert.deepEqual(decodeSuboption(OPT.NEW_ENVIRON, b(0, 0, 'USER', 1, 'bob', 3, 'X', 2, 1, 1, 'v')), {
    option: 'environ',
    vars: [['USER', 'bob'], ['X\x01', 'v']],
  });
  assert.equal(decodeSuboption(OPT.NAWS, b(0, 80)), undefined);
  assert.equal(decodeSuboption(OPT.TTYPE, b(1)), undefined);
});

test('an unterminated subnegotiation over the cap is an error, then skipped up to IAC SE', () => {
  const p = new IacParser(16);
  const ev = p.feed(b(IAC, SB, OPT.TTYPE, 'A'.repeat(40), IAC, SE, 'ok'));
  assert.equal(ev.length, 2);
  assert.equal(ev[0]?.kind, 'error');
  assert.match(ev[0]?.kind === 'error' ? ev[0].message : '', /longer than 16 bytes/);
  assert.deepEqual(ev[1], { kind: 'data', bytes: b('ok') });
});

test('IAC followed by a command inside SB ends the subnegotiation (RFC 855) and runs the command', () => {
  const ev = new IacParser().feed(b(IAC, SB, OPT.TTYPE, 0, 'vt', IAC, DO, OPT.ECHO));
  assert.deepEqual(ev, [
    { kind: 'subneg', option: OPT.TTYPE, data: b(0, 'vt') },
    { kind: 'negotiate', verb: DO, option: OPT.ECHO },
  ]);
});

test('fuzz: random and mutated input never throws, keeps every data byte count bounded, memory stays flat', () => {
  let seed = 0x5eed;
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const seeds = [b(IAC, SB, OPT.NAWS, 0, 80, 0, 24, IAC, SE), b(IAC, WILL, OPT.TTYPE, 'root\r\0'), b(IAC, SB, OPT.NEW_ENVIRON, 0, 0, 'USER', 1, 'x', IAC, SE)];
  const before = process.memoryUsage().heapUsed;
  const started = Date.now();
  for (let i = 0; i < 3000 && Date.now() - started < 5000; i++) {
    const p = new IacParser(64);
    let input: Buffer;
    if (i % 2 === 0) {
      input = Buffer.alloc(1 + rnd(2048));
      for (let j = 0; j < input.length; j++) input[j] = rnd(4) === 0 ? IAC : rnd(256);
    } else {
      input = Buffer.from(seeds[rnd(seeds.length)]!);
      for (let k = 0; k < 4; k++) input[rnd(input.length)] = rnd(256);
    }
    let dataBytes = 0;
    for (let off = 0; off < input.length; ) {
      const len = 1 + rnd(64);
      for (const ev of p.feed(input.subarray(off, off + len))) {
        if (ev.kind === 'data') dataBytes += ev.bytes.length;
        if (ev.kind === 'subneg') assert.ok(ev.data.length <= 64);
        if (ev.kind === 'error') assert.ok(ev.sample.length <= 256);
      }
      off += len;
    }
    assert.ok(dataBytes <= input.length);
  }
  assert.ok(process.memoryUsage().heapUsed - before < 32 * 1024 * 1024);
});
