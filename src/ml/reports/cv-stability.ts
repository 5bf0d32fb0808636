// Cross-validation stability: mean and spread of each metric over folds, and a verdict on whether the
// model's quality depends on which rows it happened to see.
import type { MetricSet } from '../metrics.js';
import { fmt, table } from './markdown.js';

export type StabilityVerdict = 'STABLE' | 'MODERATELY STABLE' | 'UNSTABLE';

export interface MetricSummary {
  readonly mean: number;
  /** Population standard deviation over folds (numpy's default, ddof = 0). */
  readonly std: number;
  readonly min: number;
  readonly max: number;
  readonly values: readonly number[];
}

export interface CvStabilityReport {
  readonly nFolds: number;
  readonly metrics: Readonly<Record<string, MetricSummary>>;
  readonly largestStd: { readonly metric: string; readonly std: number };
  readonly verdict: StabilityVerdict;
}

/** Verdict thresholds on the largest per-metric std. */
export const STABLE_STD = 0.05;
export const MODERATE_STD = 0.1;

/** Log loss is unbounded, so its spread is reported but does not drive the verdict. */
const UNBOUNDED = new Set(['logLoss']);

export function summarise(values: readonly number[]): MetricSummary {
  const finite = values.filter(Number.isFinite);
  const n = finite.length;
  const mean = n === 0 ? Number.NaN : finite.reduce((s, v) => s + v, 0) / n;
  const std = n === 0 ? Number.NaN : Math.sqrt(finite.reduce((s, v) => s + (v - mean) ** 2, 0) / n);
  return { mean, std, min: Math.min(...finite), max: Math.max(...finite), values };
}

export function verdictFor(largestStd: number): StabilityVerdict {
  if (largestStd < STABLE_STD) return 'STABLE';
  if (largestStd < MODERATE_STD) return 'MODERATELY STABLE';
  return 'UNSTABLE';
}

export function cvStabilityReport(folds: readonly (MetricSet | Readonly<Record<string, number>>)[]): CvStabilityReport {
  const names = Object.keys(folds[0] ?? {});
  const metrics: Record<string, MetricSummary> = {};
  let largest = { metric: '', std: -1 };
  for (const name of names) {
    const s = summarise(folds.map((f) => (f as Readonly<Record<string, number>>)[name] as number));
    metrics[name] = s;
    if (!UNBOUNDED.has(name) && Number.isFinite(s.std) && s.std > largest.std) largest = { metric: name, std: s.std };
  }
  return { nFolds: folds.length, metrics, largestStd: largest, verdict: verdictFor(largest.std) };
}

export function cvStabilityMarkdown(r: CvStabilityReport): string {
  const rows = Object.entries(r.metrics).map(([name, s]) => [name, `${fmt(s.mean)} ± ${fmt(s.std)}`, fmt(s.min), fmt(s.max)]);
  return [
    `## Cross-validation stability (${r.nFolds} folds)`,
    '',
    table(['metric', 'mean ± std', 'min', 'max'], rows),
    '',
    `Largest std: ${r.largestStd.metric} (${fmt(r.largestStd.std)}). Verdict: **${r.verdict}** ` +
      `(STABLE < ${STABLE_STD}, MODERATELY STABLE < ${MODERATE_STD}, else UNSTABLE; log loss excluded as unbounded).`,
  ].join('\n');
}
