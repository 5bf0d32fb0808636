// Classification metrics computed from labels and probability matrices, with scikit-learn's
// definitions (zero_division = 0, tie-aware ROC-AUC, step-wise average precision, Gorodkin's MCC).
import { PhantomError } from '../core/errors.js';
import type { Label, Matrix } from './matrix.js';

/** Per-class and averaged precision, recall, F1. */
export interface ClassScores {
  readonly label: Label;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly support: number;
}

export interface AveragedScores {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface ClassificationReport {
  readonly accuracy: number;
  readonly perClass: readonly ClassScores[];
  readonly macro: AveragedScores;
  readonly weighted: AveragedScores;
}

/** Sorted union of the labels seen (numbers numerically, strings by code unit). */
export function uniqueLabels(...ys: ArrayLike<Label>[]): Label[] {
  const set = new Set<Label>();
  for (const y of ys) for (let i = 0; i < y.length; i++) set.add(y[i] as Label);
  const out = [...set];
  return out.every((v) => typeof v === 'number')
    ? (out as number[]).sort((a, b) => a - b)
    : out.map(String).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function sameLength(a: ArrayLike<unknown>, b: { length: number }, what: string): void {
  if (a.length !== b.length) throw new PhantomError('PN_ERR_MODEL_INPUT', `${what}: ${a.length} true labels but ${b.length} predictions`);
}

export function accuracy(yTrue: ArrayLike<Label>, yPred: ArrayLike<Label>): number {
  sameLength(yTrue, yPred, 'accuracy');
  let ok = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) ok++;
  return yTrue.length === 0 ? Number.NaN : ok / yTrue.length;
}

/** Rows are true labels, columns predicted labels, both in `labels` order. */
export function confusionMatrix(
  yTrue: ArrayLike<Label>,
  yPred: ArrayLike<Label>,
  labels: readonly Label[] = uniqueLabels(yTrue, yPred),
): { labels: readonly Label[]; matrix: number[][] } {
  sameLength(yTrue, yPred, 'confusionMatrix');
  const index = new Map(labels.map((l, i) => [l, i]));
  const matrix = labels.map(() => new Array<number>(labels.length).fill(0));
  for (let i = 0; i < yTrue.length; i++) {
    const t = index.get(yTrue[i] as Label);
    const p = index.get(yPred[i] as Label);
    if (t === undefined || p === undefined) continue;
    (matrix[t] as number[])[p] = ((matrix[t] as number[])[p] as number) + 1;
  }
  return { labels, matrix };
}

const div = (a: number, b: number): number => (b === 0 ? 0 : a / b);

/** Precision, recall and F1 per class plus macro and support-weighted averages. */
export function classificationReport(
  yTrue: ArrayLike<Label>,
  yPred: ArrayLike<Label>,
  labels: readonly Label[] = uniqueLabels(yTrue, yPred),
): ClassificationReport {
  const { matrix } = confusionMatrix(yTrue, yPred, labels);
  const perClass: ClassScores[] = labels.map((label, k) => {
    const tp = (matrix[k] as number[])[k] as number;
    const support = (matrix[k] as number[]).reduce((s, v) => s + v, 0);
    const predicted = matrix.reduce((s, r) => s + (r[k] as number), 0);
    const precision = div(tp, predicted);
    const recall = div(tp, support);
    return { label, precision, recall, f1: div(2 * precision * recall, precision + recall), support };
  });
  const n = perClass.length;
  const total = perClass.reduce((s, c) => s + c.support, 0);
  const avg = (key: 'precision' | 'recall' | 'f1', weighted: boolean): number =>
    weighted ? div(perClass.reduce((s, c) => s + c[key] * c.support, 0), total) : div(perClass.reduce((s, c) => s + c[key], 0), n);
  return {
    accuracy: accuracy(yTrue, yPred),
    perClass,
    macro: { precision: avg('precision', false), recall: avg('recall', false), f1: avg('f1', false) },
    weighted: { precision: avg('precision', true), recall: avg('recall', true), f1: avg('f1', true) },
  };
}

/** Matthews correlation for any number of classes (Gorodkin 2004, as scikit-learn); 0 when undefined. */
export function matthewsCorrcoef(yTrue: ArrayLike<Label>, yPred: ArrayLike<Label>): number {
  const { matrix } = confusionMatrix(yTrue, yPred);
  const k = matrix.length;
  let s = 0;
  let c = 0;
  const t = new Array<number>(k).fill(0);
  const p = new Array<number>(k).fill(0);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const v = (matrix[i] as number[])[j] as number;
      s += v;
      t[i] = (t[i] as number) + v;
      p[j] = (p[j] as number) + v;
      if (i === j) c += v;
    }
  }
  let pt = 0;
  let pp = 0;
  let tt = 0;
  for (let i = 0; i < k; i++) {
    pt += (p[i] as number) * (t[i] as number);
    pp += (p[i] as number) ** 2;
    tt += (t[i] as number) ** 2;
  }
  const den = Math.sqrt((s * s - pp) * (s * s - tt));
  return den === 0 ? 0 : (c * s - pt) / den;
}

function classIndex(yTrue: ArrayLike<Label>, classes: readonly Label[]): Int32Array {
  const index = new Map(classes.map((l, i) => [l, i]));
  const out = new Int32Array(yTrue.length);
  for (let i = 0; i < yTrue.length; i++) {
    const k = index.get(yTrue[i] as Label);
    if (k === undefined) throw new PhantomError('PN_ERR_MODEL_INPUT', `label ${String(yTrue[i])} is not among the probability columns`);
    out[i] = k;
  }
  return out;
}

/** Mean negative log-likelihood; probabilities clipped to [eps, 1 - eps] and rows renormalised (scikit-learn 1.2). */
export function logLoss(yTrue: ArrayLike<Label>, proba: Matrix, classes: readonly Label[], eps = 1e-15): number {
  sameLength(yTrue, { length: proba.rows }, 'logLoss');
  const idx = classIndex(yTrue, classes);
  let sum = 0;
  for (let i = 0; i < proba.rows; i++) {
    let rowSum = 0;
    for (let k = 0; k < proba.cols; k++) rowSum += Math.min(1 - eps, Math.max(eps, proba.data[i * proba.cols + k] as number));
    const p = Math.min(1 - eps, Math.max(eps, proba.data[i * proba.cols + (idx[i] as number)] as number)) / rowSum;
    sum -= Math.log(p);
  }
  return sum / proba.rows;
}

/** Binary ROC-AUC by the rank-sum (Mann-Whitney) statistic; tied scores count half. NaN with one class only. */
export function rocAuc(positive: ArrayLike<boolean | number>, score: ArrayLike<number>): number {
  sameLength(positive, score, 'rocAuc');
  const n = score.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (score[a] as number) - (score[b] as number));
  let nPos = 0;
  let rankSum = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && score[order[j + 1] as number] === score[order[i] as number]) j++;
    const avgRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (positive[order[k] as number]) {
        nPos++;
        rankSum += avgRank;
      }
    }
    i = j + 1;
  }
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) return Number.NaN;
  return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/** Average precision (area under the step-wise PR curve, scikit-learn's average_precision_score). */
export function averagePrecision(positive: ArrayLike<boolean | number>, score: ArrayLike<number>): number {
  sameLength(positive, score, 'averagePrecision');
  const n = score.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (score[b] as number) - (score[a] as number));
  let nPos = 0;
  for (let i = 0; i < n; i++) if (positive[i]) nPos++;
  if (nPos === 0) return Number.NaN;
  let tp = 0;
  let fp = 0;
  let prevRecall = 0;
  let ap = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    // All rows sharing a score form one threshold.
    while (j < n && score[order[j] as number] === score[order[i] as number]) {
      if (positive[order[j] as number]) tp++;
      else fp++;
      j++;
    }
    const recall = tp / nPos;
    ap += (recall - prevRecall) * (tp / (tp + fp));
    prevRecall = recall;
    i = j;
  }
  return ap;
}

export interface OneVsRest {
  readonly perClass: readonly { label: Label; value: number }[];
  /** Mean over classes where the value is defined (a class absent from yTrue has none). */
  readonly macro: number;
  readonly weighted: number;
}

function oneVsRest(
  yTrue: ArrayLike<Label>,
  proba: Matrix,
  classes: readonly Label[],
  fn: (pos: Uint8Array, score: Float64Array) => number,
): OneVsRest {
  sameLength(yTrue, { length: proba.rows }, 'one-vs-rest');
  const idx = classIndex(yTrue, classes);
  const perClass = classes.map((label, k) => {
    const pos = new Uint8Array(proba.rows);
    const score = new Float64Array(proba.rows);
    for (let i = 0; i < proba.rows; i++) {
      pos[i] = idx[i] === k ? 1 : 0;
      score[i] = proba.data[i * proba.cols + k] as number;
    }
    return { label, value: fn(pos, score), support: pos.reduce((s, v) => s + v, 0) };
  });
  const defined = perClass.filter((c) => Number.isFinite(c.value));
  const sup = defined.reduce((s, c) => s + c.support, 0);
  return {
    perClass: perClass.map(({ label, value }) => ({ label, value })),
    macro: defined.length === 0 ? Number.NaN : defined.reduce((s, c) => s + c.value, 0) / defined.length,
    weighted: sup === 0 ? Number.NaN : defined.reduce((s, c) => s + c.value * c.support, 0) / sup,
  };
}

/** One-vs-rest ROC-AUC per class, macro and prevalence-weighted. */
export function rocAucOvr(yTrue: ArrayLike<Label>, proba: Matrix, classes: readonly Label[]): OneVsRest {
  return oneVsRest(yTrue, proba, classes, rocAuc);
}

/** One-vs-rest PR-AUC (average precision) per class, macro and prevalence-weighted. */
export function prAucOvr(yTrue: ArrayLike<Label>, proba: Matrix, classes: readonly Label[]): OneVsRest {
  return oneVsRest(yTrue, proba, classes, averagePrecision);
}

export interface CalibrationBin {
  readonly lower: number;
  readonly upper: number;
  readonly count: number;
  /** Mean predicted probability in the bin (NaN when empty). */
  readonly meanPredicted: number;
  /** Observed frequency of the event in the bin (NaN when empty). */
  readonly observed: number;
}

/** Reliability diagram data and expected calibration error (count-weighted |observed - predicted|). */
export function calibrationBins(
  outcome: ArrayLike<boolean | number>,
  predicted: ArrayLike<number>,
  nBins = 10,
): { bins: CalibrationBin[]; ece: number } {
  sameLength(outcome, predicted, 'calibrationBins');
  const count = new Array<number>(nBins).fill(0);
  const sumP = new Array<number>(nBins).fill(0);
  const sumO = new Array<number>(nBins).fill(0);
  for (let i = 0; i < predicted.length; i++) {
    const p = predicted[i] as number;
    const b = Math.min(nBins - 1, Math.max(0, Math.floor(p * nBins)));
    count[b] = (count[b] as number) + 1;
    sumP[b] = (sumP[b] as number) + p;
    sumO[b] = (sumO[b] as number) + (outcome[i] ? 1 : 0);
  }
  let ece = 0;
  const bins = count.map((c, b) => {
    const meanPredicted = c === 0 ? Number.NaN : (sumP[b] as number) / c;
    const observed = c === 0 ? Number.NaN : (sumO[b] as number) / c;
    if (c > 0) ece += (c / predicted.length) * Math.abs(observed - meanPredicted);
    return { lower: b / nBins, upper: (b + 1) / nBins, count: c, meanPredicted, observed };
  });
  return { bins, ece };
}

/** Index of the most probable class of row i (first on ties). */
export function argmaxRow(p: Matrix, i: number): number {
  let best = 0;
  const o = i * p.cols;
  for (let k = 1; k < p.cols; k++) if ((p.data[o + k] as number) > (p.data[o + best] as number)) best = k;
  return best;
}

/** Calibration of the top-label confidence: is the most probable class right as often as claimed? */
export function topLabelCalibration(yTrue: ArrayLike<Label>, proba: Matrix, classes: readonly Label[], nBins = 10): { bins: CalibrationBin[]; ece: number } {
  const idx = classIndex(yTrue, classes);
  const conf = new Float64Array(proba.rows);
  const correct = new Uint8Array(proba.rows);
  for (let i = 0; i < proba.rows; i++) {
    const k = argmaxRow(proba, i);
    conf[i] = proba.data[i * proba.cols + k] as number;
    correct[i] = k === idx[i] ? 1 : 0;
  }
  return calibrationBins(correct, conf, nBins);
}

/** The scalar metrics the reports track per fold. */
export interface MetricSet {
  readonly accuracy: number;
  readonly macroPrecision: number;
  readonly macroRecall: number;
  readonly macroF1: number;
  readonly weightedF1: number;
  readonly mcc: number;
  readonly logLoss: number;
  readonly rocAucMacro: number;
  readonly prAucMacro: number;
  readonly ece: number;
}

/** Every scalar metric from true labels and a probability matrix (predictions = argmax). */
export function evaluateProba(yTrue: ArrayLike<Label>, proba: Matrix, classes: readonly Label[]): MetricSet {
  const pred: Label[] = [];
  for (let i = 0; i < proba.rows; i++) pred.push(classes[argmaxRow(proba, i)] as Label);
  const rep = classificationReport(yTrue, pred, classes);
  return {
    accuracy: rep.accuracy,
    macroPrecision: rep.macro.precision,
    macroRecall: rep.macro.recall,
    macroF1: rep.macro.f1,
    weightedF1: rep.weighted.f1,
    mcc: matthewsCorrcoef(yTrue, pred),
    logLoss: logLoss(yTrue, proba, classes),
    rocAucMacro: rocAucOvr(yTrue, proba, classes).macro,
    prAucMacro: prAucOvr(yTrue, proba, classes).macro,
    ece: topLabelCalibration(yTrue, proba, classes).ece,
  };
}
