// Runs an estimator factory over given folds: per-fold metrics plus out-of-fold probabilities, the raw
// material of the stability, error-analysis and model-selection reports.
import { PhantomError } from '../core/errors.js';
import type { Estimator } from './estimator.js';
import { evaluateProba } from './metrics.js';
import type { MetricSet } from './metrics.js';
import { takeRows } from './matrix.js';
import type { Label, Matrix } from './matrix.js';
import type { Fold } from './splits.js';

export interface CrossValidation {
  readonly classes: readonly Label[];
  readonly folds: readonly MetricSet[];
  /** Out-of-fold probabilities, one row per input row (rows in no test fold stay all-zero). */
  readonly oofProba: Matrix;
  /** Fold each row was tested in, -1 if none. */
  readonly oofFold: Int32Array;
}

/** Fits a fresh estimator per fold; columns are mapped onto the classes of the whole y. */
export async function crossValidate(
  make: () => Estimator,
  x: Matrix,
  y: readonly Label[],
  folds: readonly Fold[],
  classes: readonly Label[],
): Promise<CrossValidation> {
  if (y.length !== x.rows) throw new PhantomError('PN_ERR_MODEL_INPUT', `y has ${y.length} labels, X has ${x.rows} rows`);
  const C = classes.length;
  const col = new Map(classes.map((c, i) => [c, i]));
  const oof = new Float64Array(x.rows * C);
  const oofFold = new Int32Array(x.rows).fill(-1);
  const results: MetricSet[] = [];
  for (let f = 0; f < folds.length; f++) {
    const fold = folds[f] as Fold;
    const est = await make().fit(takeRows(x, fold.train), Array.from(fold.train, (i) => y[i] as Label));
    const p = est.predictProba(takeRows(x, fold.test));
    const full = new Float64Array(fold.test.length * C);
    const mapTo = est.classes.map((c) => col.get(c) ?? -1);
    for (let r = 0; r < fold.test.length; r++) {
      for (let k = 0; k < p.cols; k++) {
        const to = mapTo[k] as number;
        if (to >= 0) full[r * C + to] = p.data[r * p.cols + k] as number;
      }
      oof.set(full.subarray(r * C, (r + 1) * C), (fold.test[r] as number) * C);
      oofFold[fold.test[r] as number] = f;
    }
    const yTest = Array.from(fold.test, (i) => y[i] as Label);
    results.push(evaluateProba(yTest, { data: full, rows: fold.test.length, cols: C }, classes));
  }
  return { classes, folds: results, oofProba: { data: oof, rows: x.rows, cols: C }, oofFold };
}
