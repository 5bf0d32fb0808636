import { test } from 'node:test';
import assert from 'node:assert/strict';
import { archLabel } from './arch-label.js';

test('uname -m becomes Cowrie\'s architecture label', () => {
  assert.equal(archLabel('x86_64'), 'linux-x64-lsb');
  assert.equal(archLabel('aarch64'), 'linux-aarch64-lsb');
  assert.equal(archLabel('armv7l'), 'linux-arm-lsb');
  assert.equal(archLabel('armv5tejl'), 'linux-arm-lsb');
  assert.equal(archLabel('mips'), 'linux-mips-msb');
  assert.equal(archLabel('mipsel'), 'linux-mips-lsb');
  assert.equal(archLabel('i686'), 'linux-x86-lsb');
  assert.equal(archLabel('ppc64le'), 'linux-powerpc64-lsb');
});
