// Seeded train/test and cross-validation splits: stratified (class shares kept per fold) and grouped
// (all rows of a group, e.g. one attacker IP or session, on the same side).
import { SeededRng } from '../core/rng.js';
import { PhantomError } from '../core/errors.js';
import type { Label } from './matrix.js';

/** Row indices of one split, each side sorted ascending. */
export interface Fold {
  readonly train: Int32Array;
  readonly test: Int32Array;
}

function shuffle<T>(a: T[], rng: SeededRng): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = a[i] as T;
    a[i] = a[j] as T;
    a[j] = t;
  }
  return a;
}

/** Rows of each distinct value, values in first-seen order (deterministic, independent of sorting labels). */
function byValue(values: ArrayLike<Label>): number[][] {
  const map = new Map<Label, number[]>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as Label;
    let rows = map.get(v);
    if (!rows) map.set(v, (rows = []));
    rows.push(i);
  }
  return [...map.values()];
}

function sorted(rows: number[]): Int32Array {
  return Int32Array.from(rows).sort();
}

function complement(n: number, test: Int32Array): Int32Array {
  const inTest = new Uint8Array(n);
  for (const i of test) inTest[i] = 1;
  const train: number[] = [];
  for (let i = 0; i < n; i++) if (!inTest[i]) train.push(i);
  return Int32Array.from(train);
}

/**
 * Stratified hold-out: each class contributes round(testSize * its count) rows to test (at least one
 * row stays in train). testSize is a fraction in (0, 1).
 */
export function stratifiedTrainTestSplit(y: ArrayLike<Label>, opts: { testSize: number; seed: number }): Fold {
  if (!(opts.testSize > 0 && opts.testSize < 1)) {
    throw new PhantomError('PN_ERR_MODEL_INPUT', `testSize must be a fraction in (0, 1), got ${opts.testSize}`);
  }
  const rng = new SeededRng(opts.seed);
  const test: number[] = [];
  for (const rows of byValue(y)) {
    shuffle(rows, rng);
    const k = Math.min(rows.length - 1, Math.round(rows.length * opts.testSize));
    test.push(...rows.slice(0, k));
  }
  const t = sorted(test);
  return { train: complement(y.length, t), test: t };
}

function checkK(k: number, n: number, what: string): void {
  if (!Number.isInteger(k) || k < 2 || k > n) {
    throw new PhantomError('PN_ERR_MODEL_INPUT', `${what}: k must be an integer in 2..${n}, got ${k}`);
  }
}

/**
 * Stratified k-fold: each class's shuffled rows are dealt round-robin over the folds, continuing where
 * the previous class stopped, so fold sizes differ by at most one.
 */
export function stratifiedKFold(y: ArrayLike<Label>, k: number, seed: number): Fold[] {
  checkK(k, y.length, 'stratifiedKFold');
  const rng = new SeededRng(seed);
  const tests: number[][] = Array.from({ length: k }, () => []);
  let f = 0;
  for (const rows of byValue(y)) {
    for (const r of shuffle(rows, rng)) {
      (tests[f] as number[]).push(r);
      f = (f + 1) % k;
    }
  }
  return tests.map((t) => {
    const test = sorted(t);
    return { train: complement(y.length, test), test };
  });
}

/**
 * Group k-fold: groups are shuffled, then placed largest first into the currently smallest fold, so a
 * group is never on both sides and folds stay balanced.
 */
export function groupKFold(groups: ArrayLike<Label>, k: number, seed: number): Fold[] {
  const members = byValue(groups);
  checkK(k, members.length, 'groupKFold (number of distinct groups)');
  const rng = new SeededRng(seed);
  shuffle(members, rng);
  // Stable sort keeps the seeded order among equal-size groups.
  const order = members.map((rows, i) => ({ rows, i })).sort((a, b) => b.rows.length - a.rows.length || a.i - b.i);
  const tests: number[][] = Array.from({ length: k }, () => []);
  for (const { rows } of order) {
    let smallest = 0;
    for (let f = 1; f < k; f++) if ((tests[f] as number[]).length < (tests[smallest] as number[]).length) smallest = f;
    (tests[smallest] as number[]).push(...rows);
  }
  return tests.map((t) => {
    const test = sorted(t);
    return { train: complement(groups.length, test), test };
  });
}
