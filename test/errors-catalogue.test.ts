// The PN_ERR_* catalogue, the code that raises the codes and docs/errors.md must agree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES } from '../src/core/errors.js';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') && !p.endsWith('errors.ts') ? [p] : [];
  });
}

test('every code is documented in docs/errors.md with its meaning, and nothing else is', () => {
  const doc = readFileSync('docs/errors.md', 'utf8');
  const documented = new Set([...doc.matchAll(/^## (PN_ERR_[A-Z_]+)/gm)].map((m) => m[1]));
  assert.deepEqual([...documented].sort(), Object.keys(ERROR_CODES).sort());
  for (const [code, meaning] of Object.entries(ERROR_CODES)) {
    const section = doc.split(`## ${code}\n`)[1]?.split('\n## ')[0] ?? '';
    assert.ok(section.includes(meaning), `docs/errors.md section ${code} states: ${meaning}`);
  }
});

test('every code raised in src/ is in the catalogue, and every catalogue code is raised somewhere', () => {
  const used = new Set<string>();
  for (const file of sources('src')) {
    for (const m of readFileSync(file, 'utf8').matchAll(/'(PN_ERR_[A-Z_]+)'/g)) used.add(m[1]!);
  }
  for (const code of used) assert.ok(code in ERROR_CODES, `${code} is raised but not in ERROR_CODES`);
  for (const code of Object.keys(ERROR_CODES)) assert.ok(used.has(code), `${code} is in the catalogue but never raised`);
});
