// The contract every PhantomNet estimator keeps (after scikit-learn's): hyper-parameters fixed in the
// constructor, fit returns this and replaces an earlier fit, seeded randomness, JSON state.
import { PhantomError } from '../core/errors.js';
import type { Label, LabelInput, Matrix, MatrixInput } from './matrix.js';

/** Registered estimator kinds; persistence dispatches on this tag. */
export type EstimatorKind = 'random_forest' | 'isolation_forest';

/** JSON-ready state of a fitted estimator (typed arrays encoded with typed-codec). */
export interface EstimatorState {
  readonly kind: EstimatorKind;
  readonly params: Readonly<Record<string, unknown>>;
  readonly classes: readonly Label[];
  readonly nFeatures: number;
  readonly state: Readonly<Record<string, unknown>>;
}

/** What callers (detect, cli, the conformance suite) may rely on for any estimator. */
export interface Estimator {
  readonly kind: EstimatorKind;
  readonly isFitted: boolean;
  /** Labels in the order of predictProba's columns. */
  readonly classes: readonly Label[];
  readonly nFeatures: number;
  getParams(): Readonly<Record<string, unknown>>;
  /** Learns from X (and y for supervised estimators); resolves to this. */
  fit(x: MatrixInput, y?: LabelInput): Promise<this>;
  predict(x: MatrixInput): Label[];
  /** rows x classes.length, each row summing to 1. */
  predictProba(x: MatrixInput): Matrix;
  /** One sample's row of predictProba (the hot path); pass `out` to avoid any allocation. */
  predictProbaOne(x: ArrayLike<number>, out?: Float64Array): Float64Array;
  toJSON(): EstimatorState;
}

/** The error every estimator throws when used before fit. */
export function notFitted(kind: EstimatorKind, action: string): PhantomError {
  return new PhantomError('PN_ERR_MODEL_NOT_FITTED', `${kind} must be fitted before ${action}`);
}

/** Shared hyper-parameter check: fail at fit with a message naming the parameter. */
export function invalidParam(name: string, value: unknown, expected: string): PhantomError {
  return new PhantomError('PN_ERR_MODEL_INPUT', `${name} must be ${expected}, got ${JSON.stringify(value)}`);
}
