// The output registry: outputs built from the `outputs` config section by name, unknown names refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { systemClock } from '../core/clock.js';
import { PhantomError } from '../core/errors.js';
import { silentLogger } from '../core/logger.js';
import { ConfigSchema } from '../schema/config.js';
import { CowrieJsonOutput } from './cowrie-json.js';
import { OUTPUT_NAMES, createOutput, createOutputs } from './registry.js';

const deps = { dataDir: '/srv/phantomnet/data', logger: silentLogger, clock: systemClock };
const isOutputError = (e: unknown): boolean => e instanceof PhantomError && e.code === 'PN_ERR_OUTPUT';

test('every output section of the config schema has a registry entry', () => {
  assert.deepEqual([...OUTPUT_NAMES].sort(), Object.keys(ConfigSchema.parse({}).outputs).sort());
});

test('the default config builds the cowrie-json output with its path inside the data directory', () => {
  const outputs = createOutputs(ConfigSchema.parse({}).outputs, deps);
  assert.equal(outputs.length, 1);
  const out = outputs[0];
  assert.ok(out instanceof CowrieJsonOutput);
  assert.equal(out.name, 'cowrie_json');
  assert.equal(out.path, join(deps.dataDir, 'logs', 'cowrie.json'));
});

test('an absolute path is kept; a disabled output is not built', () => {
  const out = createOutput('cowrie_json', { path: '/var/log/pn/cowrie.json', rotate: 'none' }, deps);
  assert.ok(out instanceof CowrieJsonOutput);
  assert.equal(out.path, '/var/log/pn/cowrie.json');
  assert.equal(createOutput('cowrie_json', { enabled: false }, deps), null);
  assert.deepEqual(createOutputs({ cowrie_json: { enabled: false } }, deps), []);
});

test('unknown output names and invalid sections are PN_ERR_OUTPUT', () => {
  assert.throws(() => createOutput('syslog', {}, deps), isOutputError);
  assert.throws(() => createOutput('__proto__', {}, deps), isOutputError);
  assert.throws(() => createOutputs({ cowrie_json: {}, webhook: {} }, deps), isOutputError);
  assert.throws(() => createOutput('cowrie_json', { rotate: 'hourly' }, deps), (e: unknown) => {
    assert.ok(isOutputError(e));
    assert.match((e as Error).message, /cowrie_json\.rotate/);
    return true;
  });
});
