// Model selection: every candidate is cross-validated on the very same folds, then ranked by the mean
// of one metric, with its stability shown beside it.
import { createHash } from 'node:crypto';
import { crossValidate } from '../cross-validate.js';
import type { Estimator } from '../estimator.js';
import type { Label, Matrix } from '../matrix.js';
import type { MetricSet } from '../metrics.js';
import type { Fold } from '../splits.js';
import { cvStabilityReport } from './cv-stability.js';
import type { CvStabilityReport } from './cv-stability.js';
import { fmt, table } from './markdown.js';

export interface Candidate {
  readonly name: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly make: () => Estimator;
}

export interface ModelSelectionReport {
  readonly primaryMetric: keyof MetricSet;
  /** sha256 of the fold indices: proof that all candidates saw identical folds. */
  readonly foldsDigest: string;
  readonly candidates: readonly { name: string; params: Readonly<Record<string, unknown>>; stability: CvStabilityReport; mean: number; std: number }[];
  readonly best: string;
}

/** Lower is better only for these. */
const LOWER_IS_BETTER = new Set<keyof MetricSet>(['logLoss', 'ece']);

export function foldsDigest(folds: readonly Fold[]): string {
  const h = createHash('sha256');
  for (const f of folds) {
    h.update(new Uint8Array(f.train.buffer, f.train.byteOffset, f.train.byteLength));
    h.update('|');
    h.update(new Uint8Array(f.test.buffer, f.test.byteOffset, f.test.byteLength));
    h.update('#');
  }
  return h.digest('hex');
}

export async function selectModel(
  candidates: readonly Candidate[],
  x: Matrix,
  y: readonly Label[],
  folds: readonly Fold[],
  classes: readonly Label[],
  primaryMetric: keyof MetricSet = 'macroF1',
): Promise<ModelSelectionReport> {
  const rows = [];
  for (const c of candidates) {
    const cv = await crossValidate(c.make, x, y, folds, classes);
    const stability = cvStabilityReport(cv.folds);
    const s = stability.metrics[primaryMetric];
    rows.push({ name: c.name, params: c.params, stability, mean: s?.mean ?? Number.NaN, std: s?.std ?? Number.NaN });
  }
  const sign = LOWER_IS_BETTER.has(primaryMetric) ? 1 : -1;
  const ranked = [...rows].sort((a, b) => sign * (a.mean - b.mean));
  return { primaryMetric, foldsDigest: foldsDigest(folds), candidates: ranked, best: ranked[0]?.name ?? '' };
}

export function modelSelectionMarkdown(r: ModelSelectionReport): string {
  return [
    `## Model selection (by ${r.primaryMetric}, same folds for all: ${r.foldsDigest.slice(0, 12)})`,
    '',
    table(
      ['rank', 'candidate', `${r.primaryMetric} mean ± std`, 'accuracy', 'verdict', 'params'],
      r.candidates.map((c, i) => [i + 1, c.name, `${fmt(c.mean)} ± ${fmt(c.std)}`, fmt(c.stability.metrics['accuracy']?.mean ?? Number.NaN), c.stability.verdict, JSON.stringify(c.params)]),
    ),
    '',
    `Best: **${r.best}**.`,
  ].join('\n');
}
