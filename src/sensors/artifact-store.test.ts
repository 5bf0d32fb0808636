import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ArtifactStore } from './artifact-store.js';

test('content is stored once by SHA-256, owner-only, and duplicates are flagged', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pn-art-'));
  try {
    const store = new ArtifactStore(join(dir, 'artifacts'));
    const a = store.save(Buffer.from('#!/bin/sh\necho pwned\n'));
    assert.equal(a.shasum, 'cebf25e0668376ce72d60cc05894de697b174396e5036fdb525363c351bf1f9b');
    assert.equal(a.duplicate, false);
    assert.equal(readFileSync(a.path, 'utf8'), '#!/bin/sh\necho pwned\n');
    assert.equal(statSync(a.path).mode & 0o777, 0o600);
    const b = store.save(Buffer.from('#!/bin/sh\necho pwned\n'));
    assert.deepEqual(b, { ...a, duplicate: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
