// Class imbalance: how skewed the classes are, whether the model beats always guessing the majority
// class, and whether some attack class is quietly being missed.
import { classificationReport } from '../metrics.js';
import type { Label } from '../matrix.js';
import { fmt, table } from './markdown.js';

/** Thresholds of the flags (see docs/ml.md). */
export const IMBALANCE_LIMITS = {
  ratio: 3,
  baselineMargin: 0.05,
  attackRecall: 0.7,
  recallGap: 0.2,
} as const;

export interface ClassImbalanceReport {
  readonly counts: readonly { label: Label; count: number; share: number; recall: number }[];
  /** Largest class count / smallest class count. */
  readonly ratio: number;
  readonly majorityClass: Label;
  /** Accuracy of always predicting the majority class. */
  readonly majorityBaseline: number;
  readonly accuracy: number;
  /** Largest minus smallest per-class recall. */
  readonly recallGap: number;
  readonly flags: {
    readonly imbalanced: boolean;
    readonly nearMajorityBaseline: boolean;
    readonly lowAttackRecall: readonly Label[];
    readonly largeRecallGap: boolean;
  };
  readonly messages: readonly string[];
}

export interface ClassImbalanceInput {
  readonly yTrue: readonly Label[];
  readonly yPred: readonly Label[];
  /** Labels counted for imbalance and the baseline; defaults to yTrue (pass training labels if known). */
  readonly trainLabels?: readonly Label[];
  /** The benign class; every other class is an attack class. Without it all classes are checked. */
  readonly negativeLabel?: Label;
}

export function classImbalanceReport(inp: ClassImbalanceInput): ClassImbalanceReport {
  const ref = inp.trainLabels ?? inp.yTrue;
  const counts = new Map<Label, number>();
  for (const l of ref) counts.set(l, (counts.get(l) ?? 0) + 1);
  const rep = classificationReport(inp.yTrue, inp.yPred);
  const recallOf = new Map(rep.perClass.map((c) => [c.label, c.recall]));
  const labels = [...counts.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const rows = labels.map((label) => ({
    label,
    count: counts.get(label) as number,
    share: (counts.get(label) as number) / ref.length,
    recall: recallOf.get(label) ?? 0,
  }));
  const max = Math.max(...rows.map((r) => r.count));
  const min = Math.min(...rows.map((r) => r.count));
  const majority = rows.find((r) => r.count === max) as (typeof rows)[number];
  const baseline = inp.yTrue.filter((l) => l === majority.label).length / inp.yTrue.length;
  const recalls = rep.perClass.filter((c) => c.support > 0).map((c) => c.recall);
  const recallGap = recalls.length === 0 ? 0 : Math.max(...recalls) - Math.min(...recalls);
  const attack = rep.perClass.filter((c) => c.support > 0 && c.label !== inp.negativeLabel);
  const lowAttackRecall = attack.filter((c) => c.recall < IMBALANCE_LIMITS.attackRecall).map((c) => c.label);
  const ratio = max / min;
  const flags = {
    imbalanced: ratio > IMBALANCE_LIMITS.ratio,
    nearMajorityBaseline: rep.accuracy < baseline + IMBALANCE_LIMITS.baselineMargin,
    lowAttackRecall,
    largeRecallGap: recallGap > IMBALANCE_LIMITS.recallGap,
  };
  const messages: string[] = [];
  if (flags.imbalanced) messages.push(`Class ratio ${fmt(ratio, 1)}:1 exceeds ${IMBALANCE_LIMITS.ratio}:1; consider classWeight 'balanced' and judge by macro F1, not accuracy.`);
  if (flags.nearMajorityBaseline) messages.push(`Accuracy ${fmt(rep.accuracy)} is below the majority baseline ${fmt(baseline)} + ${IMBALANCE_LIMITS.baselineMargin}: the model adds little over always answering "${String(majority.label)}".`);
  if (lowAttackRecall.length > 0) messages.push(`Recall below ${IMBALANCE_LIMITS.attackRecall} for attack class(es): ${lowAttackRecall.map(String).join(', ')}.`);
  if (flags.largeRecallGap) messages.push(`Per-class recall gap ${fmt(recallGap)} exceeds ${IMBALANCE_LIMITS.recallGap}: some classes are served much worse than others.`);
  return { counts: rows, ratio, majorityClass: majority.label, majorityBaseline: baseline, accuracy: rep.accuracy, recallGap, flags, messages };
}

export function classImbalanceMarkdown(r: ClassImbalanceReport): string {
  return [
    '## Class imbalance',
    '',
    table(['class', 'count', 'share', 'recall'], r.counts.map((c) => [String(c.label), c.count, fmt(c.share), fmt(c.recall)])),
    '',
    `Ratio ${fmt(r.ratio, 2)}:1; majority class "${String(r.majorityClass)}" baseline ${fmt(r.majorityBaseline)}; accuracy ${fmt(r.accuracy)}; recall gap ${fmt(r.recallGap)}.`,
    '',
    r.messages.length === 0 ? 'No imbalance flags raised.' : r.messages.map((m) => `- ${m}`).join('\n'),
  ].join('\n');
}
