import { test } from 'node:test';
import assert from 'node:assert/strict';
import { optionError, scanShortOptions } from './short-options.js';

test('short options: clusters, values glued or separate, operands between options, getopt errors', () => {
  assert.deepEqual(scanShortOptions(['-gr', 'm.mips', 'host', '-lout', '69'], 'gp', 'rlb'), {
    ok: true,
    options: [['g', undefined], ['r', 'm.mips'], ['l', 'out']],
    operands: ['host', '69'],
  });
  assert.deepEqual(scanShortOptions(['-', 'x'], 'v', ''), { ok: true, options: [], operands: ['-', 'x'] });
  const missing = scanShortOptions(['-g', '-r'], 'g', 'r');
  assert.deepEqual(missing, { ok: false, problem: 'missing', letter: 'r' });
  const invalid = scanShortOptions(['-gz'], 'g', 'r');
  assert.deepEqual(invalid, { ok: false, problem: 'invalid', letter: 'z' });
  if (!invalid.ok) assert.equal(optionError('tftp', invalid, 'Usage\n'), "tftp: invalid option -- 'z'\nUsage\n");
  if (!missing.ok) assert.equal(optionError('tftp', missing, 'U\n'), "tftp: option requires an argument -- 'r'\nU\n");
});
