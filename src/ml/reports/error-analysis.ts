// Error analysis: every false positive and false negative with its confidence, how many errors the
// model was unsure about, and the feature ranges where errors concentrate.
import { argmaxRow } from '../metrics.js';
import type { Label, Matrix } from '../matrix.js';
import { fmt, table } from './markdown.js';

export interface ErrorCase {
  readonly row: number;
  readonly trueLabel: Label;
  readonly predicted: Label;
  /** Probability the model gave its (wrong) prediction. */
  readonly confidence: number;
  /** Probability the model gave the true class. */
  readonly trueClassProba: number;
  /**
   * With a negative (benign) label: 'false_positive' = benign flagged as an attack, 'false_negative' =
   * attack passed as benign, 'wrong_class' = one attack taken for another. Without one, every error is
   * a false negative of its true class and a false positive of its predicted class: 'wrong_class'.
   */
  readonly kind: 'false_positive' | 'false_negative' | 'wrong_class';
}

export interface ErrorCluster {
  readonly feature: string;
  readonly lower: number;
  readonly upper: number;
  readonly rows: number;
  readonly errors: number;
  readonly errorRate: number;
  /** errorRate / overall error rate: > 1 means errors concentrate here. */
  readonly lift: number;
}

export interface ErrorAnalysisReport {
  readonly rows: number;
  readonly errorCount: number;
  readonly errorRate: number;
  readonly lowConfidenceThreshold: number;
  /** Share of errors whose confidence was below the threshold (cheap to route to review). */
  readonly lowConfidenceShare: number;
  readonly perClass: readonly { label: Label; falsePositives: number; falseNegatives: number }[];
  readonly errors: readonly ErrorCase[];
  readonly clusters: readonly ErrorCluster[];
}

export interface ErrorAnalysisInput {
  readonly x: Matrix;
  readonly yTrue: readonly Label[];
  readonly proba: Matrix;
  readonly classes: readonly Label[];
  readonly featureNames?: readonly string[];
  /** The benign class, if there is one; turns errors into false positives / negatives. */
  readonly negativeLabel?: Label;
  readonly lowConfidence?: number;
  /** Quantile bins per feature when looking for clusters. */
  readonly bins?: number;
  /** Bins with fewer rows are ignored (a 1-row bin with 1 error is not a cluster). */
  readonly minBinRows?: number;
  readonly topClusters?: number;
}

export function errorAnalysisReport(inp: ErrorAnalysisInput): ErrorAnalysisReport {
  const { x, yTrue, proba, classes } = inp;
  const low = inp.lowConfidence ?? 0.6;
  const nBins = inp.bins ?? 4;
  const minRows = inp.minBinRows ?? Math.max(5, Math.floor(x.rows * 0.02));
  const col = new Map(classes.map((c, i) => [c, i]));
  const isError = new Uint8Array(x.rows);
  const errors: ErrorCase[] = [];
  const fp = new Array<number>(classes.length).fill(0);
  const fn = new Array<number>(classes.length).fill(0);
  for (let i = 0; i < x.rows; i++) {
    const k = argmaxRow(proba, i);
    const t = col.get(yTrue[i] as Label) ?? -1;
    if (k === t) continue;
    isError[i] = 1;
    fp[k] = (fp[k] as number) + 1;
    if (t >= 0) fn[t] = (fn[t] as number) + 1;
    const predicted = classes[k] as Label;
    const trueLabel = yTrue[i] as Label;
    let kind: ErrorCase['kind'] = 'wrong_class';
    if (inp.negativeLabel !== undefined) {
      if (trueLabel === inp.negativeLabel) kind = 'false_positive';
      else if (predicted === inp.negativeLabel) kind = 'false_negative';
    }
    errors.push({
      row: i,
      trueLabel,
      predicted,
      confidence: proba.data[i * proba.cols + k] as number,
      trueClassProba: t >= 0 ? (proba.data[i * proba.cols + t] as number) : 0,
      kind,
    });
  }
  // Most confident mistakes first: those are the ones a threshold cannot catch.
  errors.sort((a, b) => b.confidence - a.confidence || a.row - b.row);
  const errorRate = x.rows === 0 ? Number.NaN : errors.length / x.rows;
  return {
    rows: x.rows,
    errorCount: errors.length,
    errorRate,
    lowConfidenceThreshold: low,
    lowConfidenceShare: errors.length === 0 ? 0 : errors.filter((e) => e.confidence < low).length / errors.length,
    perClass: classes.map((label, k) => ({ label, falsePositives: fp[k] as number, falseNegatives: fn[k] as number })),
    errors,
    clusters: errors.length === 0 ? [] : findClusters(x, isError, errorRate, nBins, minRows, inp.featureNames).slice(0, inp.topClusters ?? 5),
  };
}

/** Quantile-bins each feature and ranks bins by error-rate lift. */
function findClusters(x: Matrix, isError: Uint8Array, rate: number, nBins: number, minRows: number, names?: readonly string[]): ErrorCluster[] {
  const out: ErrorCluster[] = [];
  const col = new Float64Array(x.rows);
  for (let f = 0; f < x.cols; f++) {
    for (let i = 0; i < x.rows; i++) col[i] = x.data[i * x.cols + f] as number;
    const sorted = col.slice().sort();
    const cuts: number[] = [];
    for (let b = 1; b < nBins; b++) cuts.push(sorted[Math.floor((b * x.rows) / nBins)] as number);
    const uniqCuts = [...new Set(cuts)];
    const rows = new Array<number>(uniqCuts.length + 1).fill(0);
    const errs = new Array<number>(uniqCuts.length + 1).fill(0);
    for (let i = 0; i < x.rows; i++) {
      let b = 0;
      while (b < uniqCuts.length && (col[i] as number) >= (uniqCuts[b] as number)) b++;
      rows[b] = (rows[b] as number) + 1;
      errs[b] = (errs[b] as number) + (isError[i] as number);
    }
    for (let b = 0; b < rows.length; b++) {
      const n = rows[b] as number;
      if (n < minRows) continue;
      const r = (errs[b] as number) / n;
      out.push({
        feature: names?.[f] ?? `f${f}`,
        lower: b === 0 ? (sorted[0] as number) : (uniqCuts[b - 1] as number),
        upper: b === uniqCuts.length ? (sorted[x.rows - 1] as number) : (uniqCuts[b] as number),
        rows: n,
        errors: errs[b] as number,
        errorRate: r,
        lift: rate > 0 ? r / rate : 0,
      });
    }
  }
  return out.sort((a, b) => b.lift - a.lift || b.errors - a.errors);
}

export function errorAnalysisMarkdown(r: ErrorAnalysisReport, maxListed = 50): string {
  const lines = [
    '## Error analysis',
    '',
    `${r.errorCount} errors in ${r.rows} rows (error rate ${fmt(r.errorRate)}); ` +
      `${fmt(100 * r.lowConfidenceShare, 1)}% had confidence below ${r.lowConfidenceThreshold}.`,
    '',
    table(['class', 'false positives', 'false negatives'], r.perClass.map((c) => [String(c.label), c.falsePositives, c.falseNegatives])),
    '',
    '### Where errors cluster',
    '',
    r.clusters.length === 0
      ? 'No feature range concentrates errors.'
      : table(['feature', 'range', 'rows', 'errors', 'error rate', 'lift'], r.clusters.map((c) => [c.feature, `[${fmt(c.lower, 3)}, ${fmt(c.upper, 3)}]`, c.rows, c.errors, fmt(c.errorRate), fmt(c.lift, 2)])),
    '',
    `### Errors (most confident first${r.errors.length > maxListed ? `, first ${maxListed} of ${r.errors.length}` : ''})`,
    '',
    table(['row', 'true', 'predicted', 'kind', 'confidence', 'p(true)'], r.errors.slice(0, maxListed).map((e) => [e.row, String(e.trueLabel), String(e.predicted), e.kind, fmt(e.confidence, 3), fmt(e.trueClassProba, 3)])),
  ];
  return lines.join('\n');
}
