// Hold-out (or out-of-fold) evaluation report: every metric of metrics.ts for one set of predictions,
// per class and overall, with the confusion matrix and the calibration table.
import {
  argmaxRow,
  classificationReport,
  confusionMatrix,
  evaluateProba,
  prAucOvr,
  rocAucOvr,
  topLabelCalibration,
} from '../metrics.js';
import type { CalibrationBin, MetricSet } from '../metrics.js';
import type { Label, Matrix } from '../matrix.js';
import { fmt, table } from './markdown.js';

export interface EvaluationReport {
  readonly rows: number;
  readonly classes: readonly Label[];
  readonly metrics: MetricSet;
  readonly perClass: readonly { label: Label; precision: number; recall: number; f1: number; support: number; rocAuc: number; prAuc: number }[];
  readonly weighted: { readonly precision: number; readonly recall: number; readonly f1: number; readonly rocAuc: number; readonly prAuc: number };
  /** Rows = true class, columns = predicted class, both in `classes` order. */
  readonly confusion: number[][];
  readonly calibration: { readonly bins: readonly CalibrationBin[]; readonly ece: number };
}

export function evaluationReport(yTrue: readonly Label[], proba: Matrix, classes: readonly Label[]): EvaluationReport {
  const pred = Array.from({ length: proba.rows }, (_, i) => classes[argmaxRow(proba, i)] as Label);
  const rep = classificationReport(yTrue, pred, classes);
  const roc = rocAucOvr(yTrue, proba, classes);
  const pr = prAucOvr(yTrue, proba, classes);
  return {
    rows: proba.rows,
    classes,
    metrics: evaluateProba(yTrue, proba, classes),
    perClass: rep.perClass.map((c, k) => ({ ...c, rocAuc: roc.perClass[k]?.value ?? Number.NaN, prAuc: pr.perClass[k]?.value ?? Number.NaN })),
    weighted: { ...rep.weighted, rocAuc: roc.weighted, prAuc: pr.weighted },
    confusion: confusionMatrix(yTrue, pred, classes).matrix,
    calibration: topLabelCalibration(yTrue, proba, classes),
  };
}

export function evaluationMarkdown(r: EvaluationReport): string {
  const m = r.metrics;
  return [
    `## Evaluation (${r.rows} rows)`,
    '',
    table(
      ['accuracy', 'macro F1', 'weighted F1', 'MCC', 'log loss', 'ROC-AUC (macro OvR)', 'PR-AUC (macro OvR)', 'ECE'],
      [[fmt(m.accuracy), fmt(m.macroF1), fmt(m.weightedF1), fmt(m.mcc), fmt(m.logLoss), fmt(m.rocAucMacro), fmt(m.prAucMacro), fmt(m.ece)]],
    ),
    '',
    '### Per class',
    '',
    table(
      ['class', 'precision', 'recall', 'F1', 'support', 'ROC-AUC', 'PR-AUC'],
      [
        ...r.perClass.map((c) => [String(c.label), fmt(c.precision), fmt(c.recall), fmt(c.f1), c.support, fmt(c.rocAuc), fmt(c.prAuc)]),
        ['weighted', fmt(r.weighted.precision), fmt(r.weighted.recall), fmt(r.weighted.f1), r.rows, fmt(r.weighted.rocAuc), fmt(r.weighted.prAuc)],
      ],
    ),
    '',
    '### Confusion matrix (rows = true, columns = predicted)',
    '',
    table(['', ...r.classes.map(String)], r.confusion.map((row, i) => [String(r.classes[i]), ...row])),
    '',
    `### Calibration of the top-label confidence (ECE ${fmt(r.calibration.ece)})`,
    '',
    table(
      ['confidence', 'rows', 'mean confidence', 'accuracy'],
      r.calibration.bins.filter((b) => b.count > 0).map((b) => [`[${b.lower.toFixed(1)}, ${b.upper.toFixed(1)})`, b.count, fmt(b.meanPredicted), fmt(b.observed)]),
    ),
  ].join('\n');
}
