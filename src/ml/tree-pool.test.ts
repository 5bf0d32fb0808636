import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { RandomForestClassifier } from './random-forest.js';
import { makeClassification } from './synthetic.js';
import { resolveJobs } from './tree-pool.js';

const DATA = { rows: 600, features: 6, classes: 3, seed: 21 } as const;
const PARAMS = { nEstimators: 12, seed: 77, oobScore: true } as const;

function digest(rf: RandomForestClassifier): string {
  // nJobs is a stored hyper-parameter; the model itself is the state.
  return createHash('sha256').update(JSON.stringify(rf.toJSON().state)).digest('hex');
}

test('the forest is identical for 1, 2 and 3 worker threads (tsx workers)', async () => {
  const { x, y } = makeClassification(DATA);
  const one = digest(await new RandomForestClassifier({ ...PARAMS, nJobs: 1 }).fit(x, y));
  const two = digest(await new RandomForestClassifier({ ...PARAMS, nJobs: 2 }).fit(x, y));
  const three = digest(await new RandomForestClassifier({ ...PARAMS, nJobs: 3 }).fit(x, y));
  const sync = digest(new RandomForestClassifier(PARAMS).fitSync(x, y));
  assert.equal(two, one);
  assert.equal(three, one);
  assert.equal(sync, one);
});

test('nJobs must be -1 or a positive integer', () => {
  assert.ok(resolveJobs(-1) >= 1);
  assert.equal(resolveJobs(2), 2);
  assert.throws(() => resolveJobs(0), { code: 'PN_ERR_MODEL_INPUT' });
  assert.throws(() => resolveJobs(1.5), { code: 'PN_ERR_MODEL_INPUT' });
});

test('compiled JavaScript (the dist layout, no tsx) runs the .js worker and builds the same forest', async () => {
  const { x, y } = makeClassification(DATA);
  const expected = digest(new RandomForestClassifier(PARAMS).fitSync(x, y));

  // Transpile src/ml and the core modules it imports, keeping the relative layout of dist/.
  const srcRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
  const out = mkdtempSync(join(tmpdir(), 'pn-ml-dist-'));
  try {
    const files = [
      ...readdirSync(join(srcRoot, 'ml')).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => `ml/${f}`),
      'core/errors.ts',
      'core/rng.ts',
      'core/spawn-worker.ts',
    ];
    for (const rel of files) {
      const js = ts.transpileModule(readFileSync(join(srcRoot, rel), 'utf8'), {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
      }).outputText;
      const dest = join(out, rel.replace(/\.ts$/, '.js'));
      mkdirSync(dirname(dest), { recursive: true });
      writeFileSync(dest, js);
    }
    writeFileSync(join(out, 'package.json'), '{"type":"module"}');
    writeFileSync(
      join(out, 'check.js'),
      `import { createHash } from 'node:crypto';
import { RandomForestClassifier } from './ml/random-forest.js';
import { makeClassification } from './ml/synthetic.js';
const { x, y } = makeClassification(${JSON.stringify(DATA)});
const rf = await new RandomForestClassifier({ ...${JSON.stringify(PARAMS)}, nJobs: 2 }).fit(x, y);
process.stdout.write(createHash('sha256').update(JSON.stringify(rf.toJSON().state)).digest('hex'));
`,
    );
    const env = { ...process.env, NODE_OPTIONS: '' };
    const got = execFileSync(process.execPath, [join(out, 'check.js')], { env, encoding: 'utf8' });
    assert.equal(got, expected);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
