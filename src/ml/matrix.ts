// Dense row-major matrices and label vectors: the only data shapes the estimators accept.
// Validation lives here so every estimator rejects bad input with the same PN_ERR_MODEL_INPUT message.
import { PhantomError } from '../core/errors.js';

/** A dense row-major matrix: element (i, j) is data[i * cols + j]. */
export interface Matrix {
  readonly data: Float64Array | Float32Array;
  readonly rows: number;
  readonly cols: number;
}

/** What fit/predict accept: a typed row-major matrix or plain nested arrays (copied once). */
export type MatrixInput = Matrix | readonly (readonly number[])[];

/** A class label: numbers and strings are both allowed, but not mixed within one label vector. */
export type Label = number | string;

/** What fit accepts as targets. */
export type LabelInput = readonly Label[] | Int32Array | Float64Array | Uint8Array;

/** Builds a Matrix over an existing buffer after checking its size. */
export function matrix(data: Float64Array | Float32Array, rows: number, cols: number): Matrix {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0 || data.length !== rows * cols) {
    throw new PhantomError('PN_ERR_MODEL_INPUT', `matrix data has ${data.length} values, expected ${rows} x ${cols}`);
  }
  return { data, rows, cols };
}

function isMatrix(x: MatrixInput): x is Matrix {
  return !Array.isArray(x) && typeof (x as Matrix).rows === 'number';
}

/** Normalises input to a Matrix; nested arrays are copied into a Float64Array. */
export function toMatrix(x: MatrixInput): Matrix {
  if (isMatrix(x)) return matrix(x.data, x.rows, x.cols);
  const rows = x.length;
  const cols = rows > 0 ? (x[0] as readonly number[]).length : 0;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const r = x[i] as readonly number[];
    if (r.length !== cols) {
      throw new PhantomError('PN_ERR_MODEL_INPUT', `row ${i} has ${r.length} columns, expected ${cols}`);
    }
    for (let j = 0; j < cols; j++) data[i * cols + j] = r[j] as number;
  }
  return { data, rows, cols };
}

/** Training data must be non-empty and finite: a NaN would silently route to one side of every split. */
export function checkTrainingMatrix(m: Matrix): void {
  if (m.rows < 1 || m.cols < 1) {
    throw new PhantomError('PN_ERR_MODEL_INPUT', `training matrix is empty (${m.rows} x ${m.cols})`);
  }
  const d = m.data;
  for (let i = 0; i < d.length; i++) {
    if (!Number.isFinite(d[i] as number)) {
      throw new PhantomError(
        'PN_ERR_MODEL_INPUT',
        `training matrix has a non-finite value at row ${Math.floor(i / m.cols)}, column ${i % m.cols}`,
      );
    }
  }
}

/** Prediction input must have the fitted feature count. */
export function checkFeatureCount(m: Matrix, expected: number): void {
  if (m.cols !== expected) {
    throw new PhantomError('PN_ERR_MODEL_INPUT', `input has ${m.cols} features, the model was fitted on ${expected}`);
  }
}

/** A copy of the rows at the given indices (for train/test splits and folds). */
export function takeRows(m: Matrix, idx: ArrayLike<number>): Matrix {
  const out = new Float64Array(idx.length * m.cols);
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k] as number;
    out.set(m.data.subarray(i * m.cols, (i + 1) * m.cols), k * m.cols);
  }
  return { data: out, rows: idx.length, cols: m.cols };
}

/** Labels are encoded as indices into the sorted unique labels, like scikit-learn's classes_. */
export interface EncodedLabels {
  readonly classes: readonly Label[];
  readonly codes: Int32Array;
}

/** Sorts the unique labels (numeric order for numbers, code-unit order for strings) and encodes y. */
export function encodeLabels(y: LabelInput, expectedRows: number): EncodedLabels {
  if (y.length !== expectedRows) {
    throw new PhantomError('PN_ERR_MODEL_INPUT', `y has ${y.length} labels, X has ${expectedRows} rows`);
  }
  const values: Label[] = Array.from(y as ArrayLike<Label>);
  let numeric = 0;
  for (const v of values) {
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new PhantomError('PN_ERR_MODEL_INPUT', 'y has a non-finite label');
      numeric++;
    } else if (typeof v !== 'string') {
      throw new PhantomError('PN_ERR_MODEL_INPUT', 'labels must be numbers or strings');
    }
  }
  if (numeric !== 0 && numeric !== values.length) {
    throw new PhantomError('PN_ERR_MODEL_INPUT', 'y mixes numeric and string labels');
  }
  const unique = [...new Set(values)];
  if (numeric > 0) (unique as number[]).sort((a, b) => a - b);
  else (unique as string[]).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const index = new Map<Label, number>(unique.map((c, i) => [c, i]));
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) codes[i] = index.get(values[i] as Label) as number;
  return { classes: unique, codes };
}

/** Row i of a matrix as a view (no copy). */
export function row(m: Matrix, i: number): Float64Array | Float32Array {
  return m.data.subarray(i * m.cols, (i + 1) * m.cols);
}
