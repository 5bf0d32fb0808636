// Unit tests of the negotiation sequence: in.telnetd's bytes in order, no reply to acknowledgements, BusyBox's fixed opening.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Negotiator, type Daemon } from './negotiator.js';
import type { Suboption } from './suboptions.js';

function harness(daemon: Daemon) {
  const wrote: number[][] = [];
  const subs: Suboption[] = [];
  let ready = 0;
  const n = new Negotiator(daemon, { write: (b) => wrote.push([...b]), ready: () => ready++, suboption: (s) => subs.push(s) });
  return { n, wrote, subs, ready: () => ready };
}

test('netkit: DO TTYPE/TSPEED/XDISPLOC/NEW-ENVIRON, SB SEND for the accepted ones, then SGA/ECHO/NAWS/STATUS/LFLOW, then WILL ECHO', () => {
  const h = harness('netkit');
  h.n.start();
  assert.deepEqual(h.wrote.shift(), [255, 253, 24, 255, 253, 32, 255, 253, 35, 255, 253, 39]);
  // The Linux client: WILL TTYPE, WILL TSPEED, WONT XDISPLOC, WILL NEW-ENVIRON.
  h.n.onNegotiate(251, 24);
  h.n.onNegotiate(251, 32);
  h.n.onNegotiate(252, 35);
  assert.deepEqual(h.wrote, [], 'acknowledgements are not answered');
  h.n.onNegotiate(251, 39);
  assert.deepEqual(h.wrote.shift(), [255, 250, 32, 1, 255, 240, 255, 250, 39, 1, 255, 240, 255, 250, 24, 1, 255, 240]);
  h.n.onSubneg(32, Buffer.from('\x0038400,38400', 'latin1'));
  h.n.onSubneg(39, Buffer.from([0]));
  assert.deepEqual(h.wrote, []);
  h.n.onSubneg(24, Buffer.from('\x00XTERM', 'latin1'));
  assert.deepEqual(h.wrote.shift(), [255, 251, 3, 255, 253, 1, 255, 253, 31, 255, 251, 5, 255, 253, 33]);
  assert.equal(h.ready(), 0);
  h.n.onNegotiate(251, 31);
  assert.deepEqual(h.wrote.shift(), [255, 251, 1]);
  assert.equal(h.ready(), 1);
  assert.deepEqual(h.subs[2], { option: 'ttype', value: 'XTERM' });
  // Unsolicited requests get the daemon's answer; an unsupported option is refused.
  h.n.onNegotiate(253, 99);
  assert.deepEqual(h.wrote.shift(), [255, 252, 99]);
  h.n.onNegotiate(251, 99);
  assert.deepEqual(h.wrote.shift(), [255, 254, 99]);
});

test('netkit: skip() starts login for a client that never answers', () => {
  const h = harness('netkit');
  h.n.start();
  h.n.skip();
  assert.equal(h.ready(), 1);
  assert.deepEqual(h.wrote.slice(1).flat(), [255, 251, 3, 255, 253, 1, 255, 253, 31, 255, 251, 5, 255, 253, 33, 255, 251, 1]);
});

test('busybox: the fixed DO ECHO, DO NAWS, WILL ECHO, WILL SGA, login at once, no answers to anything', () => {
  const h = harness('busybox');
  h.n.start();
  assert.deepEqual(h.wrote, [[255, 253, 1, 255, 253, 31, 255, 251, 1, 255, 251, 3]]);
  assert.equal(h.ready(), 1);
  h.n.onNegotiate(253, 24);
  assert.equal(h.wrote.length, 1);
});
