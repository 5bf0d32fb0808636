// Isolation forest anomaly detector with scikit-learn's semantics, except that scores are positive:
// scoreSamples = 2^(-E[h(x)] / c(maxSamples)) in (0, 1], higher = more anomalous; predict gives 1 for
// an anomaly and 0 for a normal sample.
import { SeededRng } from '../core/rng.js';
import { PhantomError } from '../core/errors.js';
import { deinterleave, interleave, leafIndexOf, leafNode, packTrees } from './flat-forest.js';
import type { PackedForest } from './flat-forest.js';
import { averagePathLength, growIsolationTree } from './isolation-tree.js';
import { checkFeatureCount, checkTrainingMatrix, toMatrix } from './matrix.js';
import type { Label, LabelInput, Matrix, MatrixInput } from './matrix.js';
import { decodeArray, encodeArray } from './typed-codec.js';
import { invalidParam, notFitted } from './estimator.js';
import type { Estimator, EstimatorState } from './estimator.js';

export interface IsolationForestParams {
  readonly nEstimators: number;
  /** Rows per tree, drawn without replacement: 'auto' = min(256, n), an integer, or a fraction in (0, 1]. */
  readonly maxSamples: 'auto' | number;
  /**
   * 'auto' flags scores above 0.5 (the original paper's cut, scikit-learn's offset -0.5); a fraction
   * in (0, 0.5] sets the threshold so that share of the training rows is flagged.
   */
  readonly contamination: 'auto' | number;
  readonly seed: number;
}

export const ISOLATION_FOREST_DEFAULTS: IsolationForestParams = {
  nEstimators: 100,
  maxSamples: 'auto',
  contamination: 'auto',
  seed: 0,
};

interface Fitted {
  readonly nFeatures: number;
  readonly forest: PackedForest;
  readonly subsample: number;
  readonly threshold: number;
}

/** The labels predict returns; also the columns of predictProba. */
export const ISOLATION_CLASSES: readonly Label[] = [0, 1];

/** Unsupervised anomaly detector; see docs/ml.md. */
export class IsolationForest implements Estimator {
  readonly kind = 'isolation_forest' as const;
  readonly params: IsolationForestParams;
  private fitted: Fitted | null = null;

  constructor(params: Partial<IsolationForestParams> = {}) {
    this.params = { ...ISOLATION_FOREST_DEFAULTS, ...params };
  }

  getParams(): Readonly<Record<string, unknown>> {
    return { ...this.params };
  }

  get isFitted(): boolean {
    return this.fitted !== null;
  }

  /** [0, 1]: normal, anomaly. */
  get classes(): readonly Label[] {
    this.model('reading classes');
    return ISOLATION_CLASSES;
  }

  get nFeatures(): number {
    return this.model('reading nFeatures').nFeatures;
  }

  /** Scores strictly above this are anomalies. */
  get threshold(): number {
    return this.model('reading threshold').threshold;
  }

  /** Rows each tree was grown on. */
  get maxSamplesUsed(): number {
    return this.model('reading maxSamplesUsed').subsample;
  }

  /** y is ignored (accepted so every estimator fits with the same call). */
  async fit(xIn: MatrixInput, _y?: LabelInput): Promise<this> {
    return this.fitSync(xIn);
  }

  fitSync(xIn: MatrixInput, _y?: LabelInput): this {
    const x = toMatrix(xIn);
    checkTrainingMatrix(x);
    const p = this.params;
    if (!Number.isInteger(p.nEstimators) || p.nEstimators < 1) throw invalidParam('nEstimators', p.nEstimators, 'a positive integer');
    const subsample = resolveMaxSamples(p.maxSamples, x.rows);
    const c = p.contamination;
    if (c !== 'auto' && !(typeof c === 'number' && c > 0 && c <= 0.5)) {
      throw invalidParam('contamination', c, "'auto' or a fraction in (0, 0.5]");
    }
    const heightLimit = Math.ceil(Math.log2(Math.max(subsample, 2)));
    const master = new SeededRng(p.seed);
    const seeds = Array.from({ length: p.nEstimators }, () => master.nextUint32());
    const all = new Int32Array(x.rows);
    const trees = seeds.map((s) => {
      const rng = new SeededRng(s);
      for (let i = 0; i < x.rows; i++) all[i] = i;
      // Partial Fisher-Yates: the first `subsample` slots become a sample without replacement.
      for (let i = 0; i < subsample; i++) {
        const j = i + rng.int(x.rows - i);
        const t = all[i] as number;
        all[i] = all[j] as number;
        all[j] = t;
      }
      return growIsolationTree(x, all.subarray(0, subsample), heightLimit, rng);
    });
    const forest = packTrees(trees, 1, x.cols);
    const partial: Fitted = { nFeatures: x.cols, forest, subsample, threshold: 0.5 };
    let threshold = 0.5;
    if (c !== 'auto') {
      const scores = scoreAll(partial, x);
      threshold = percentile(scores, 100 * (1 - c));
    }
    this.fitted = { ...partial, threshold };
    return this;
  }

  /** Anomaly score per row, in (0, 1]; higher = more anomalous. */
  scoreSamples(xIn: MatrixInput): Float64Array {
    const m = this.model('scoreSamples');
    const x = toMatrix(xIn);
    checkFeatureCount(x, m.nFeatures);
    return scoreAll(m, x);
  }

  /** One sample's anomaly score (the hot path). */
  scoreOne(x: ArrayLike<number>): number {
    const m = this.model('scoreOne');
    if (x.length !== m.nFeatures) {
      throw new PhantomError('PN_ERR_MODEL_INPUT', `sample has ${x.length} features, the model was fitted on ${m.nFeatures}`);
    }
    return scoreRow(m, x, 0);
  }

  /** threshold - score, so negative means anomaly (the sign of scikit-learn's decision_function). */
  decisionFunction(xIn: MatrixInput): Float64Array {
    const t = this.threshold;
    return this.scoreSamples(xIn).map((s) => t - s);
  }

  /** 1 = anomaly (score above threshold), 0 = normal. */
  predict(xIn: MatrixInput): Label[] {
    const t = this.threshold;
    return Array.from(this.scoreSamples(xIn), (s) => (s > t ? 1 : 0));
  }

  /**
   * Columns [normal, anomaly] = [1 - score, score]. The score is not a calibrated probability; this
   * exists so anomaly scores flow through the same interface as classifier probabilities.
   */
  predictProba(xIn: MatrixInput): Matrix {
    const s = this.scoreSamples(xIn);
    const out = new Float64Array(s.length * 2);
    for (let i = 0; i < s.length; i++) {
      out[2 * i] = 1 - (s[i] as number);
      out[2 * i + 1] = s[i] as number;
    }
    return { data: out, rows: s.length, cols: 2 };
  }

  predictProbaOne(x: ArrayLike<number>, out?: Float64Array): Float64Array {
    const s = this.scoreOne(x);
    if (!out) return Float64Array.of(1 - s, s);
    if (out.length !== 2) throw new PhantomError('PN_ERR_MODEL_INPUT', `out has length ${out.length}, expected 2`);
    out[0] = 1 - s;
    out[1] = s;
    return out;
  }

  toJSON(): EstimatorState {
    const m = this.model('toJSON');
    const nodes = deinterleave(m.forest);
    return {
      kind: this.kind,
      params: { ...this.params },
      classes: [...ISOLATION_CLASSES],
      nFeatures: m.nFeatures,
      state: {
        roots: encodeArray(m.forest.roots),
        feature: encodeArray(nodes.feature),
        threshold: encodeArray(nodes.threshold),
        right: encodeArray(nodes.right),
        pathLengths: encodeArray(m.forest.leafValues),
        subsample: m.subsample,
        decisionThreshold: m.threshold,
      },
    };
  }

  static fromJSON(s: EstimatorState): IsolationForest {
    if (s.kind !== 'isolation_forest') {
      throw new PhantomError('PN_ERR_MODEL_FORMAT', `expected an isolation_forest state, got ${String(s.kind)}`);
    }
    const st = s.state;
    const subsample = st['subsample'];
    const threshold = st['decisionThreshold'];
    if (typeof subsample !== 'number' || typeof threshold !== 'number') {
      throw new PhantomError('PN_ERR_MODEL_FORMAT', 'isolation_forest state lacks subsample or decisionThreshold');
    }
    const est = new IsolationForest(s.params as Partial<IsolationForestParams>);
    est.fitted = {
      nFeatures: s.nFeatures,
      subsample,
      threshold,
      forest: interleave(
        {
          feature: decodeArray(st['feature'], 'int32', 'feature'),
          threshold: decodeArray(st['threshold'], 'float64', 'threshold'),
          right: decodeArray(st['right'], 'int32', 'right'),
        },
        decodeArray(st['roots'], 'int32', 'roots'),
        decodeArray(st['pathLengths'], 'float64', 'pathLengths'),
        1,
        s.nFeatures,
      ),
    };
    return est;
  }

  private model(action: string): Fitted {
    if (!this.fitted) throw notFitted(this.kind, action);
    return this.fitted;
  }
}

function resolveMaxSamples(v: 'auto' | number, n: number): number {
  if (v === 'auto') return Math.min(256, n);
  if (Number.isInteger(v) && v >= 1) return Math.min(v, n);
  if (typeof v === 'number' && v > 0 && v <= 1) return Math.max(1, Math.floor(v * n));
  throw invalidParam('maxSamples', v, "'auto', an integer >= 1 or a fraction in (0, 1]");
}

function scoreRow(m: Fitted, x: ArrayLike<number>, off: number): number {
  const { roots, leafValues } = m.forest;
  let sum = 0;
  for (let t = 0; t < roots.length; t++) sum += leafValues[leafIndexOf(m.forest, leafNode(m.forest, roots[t] as number, x, off))] as number;
  // c(1) = 0: a one-row forest isolates nothing, so every path is 0 and the score is 2^0 = 1.
  const norm = averagePathLength(m.subsample) || 1;
  return Math.pow(2, -(sum / roots.length) / norm);
}

function scoreAll(m: Fitted, x: Matrix): Float64Array {
  const out = new Float64Array(x.rows);
  for (let i = 0; i < x.rows; i++) out[i] = scoreRow(m, x.data, i * x.cols);
  return out;
}

/** numpy's default (linear) percentile, q in [0, 100]. */
export function percentile(values: Float64Array, q: number): number {
  const s = values.slice().sort();
  if (s.length === 0) return Number.NaN;
  const pos = (q / 100) * (s.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, s.length - 1);
  return (s[lo] as number) + (pos - lo) * ((s[hi] as number) - (s[lo] as number));
}
