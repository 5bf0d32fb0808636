// Random forest classifier with scikit-learn's contract and semantics, grown on quantile-binned
// typed arrays (histogram splits) and optionally on worker threads, with a flat compiled predictor.
import { SeededRng } from '../core/rng.js';
import { PhantomError } from '../core/errors.js';
import { binMatrix, computeBinEdges } from './binning.js';
import { accumulateProba, accumulateProbaBatch, deinterleave, interleave, leafIndexOf, leafNode, packTrees } from './flat-forest.js';
import type { PackedForest } from './flat-forest.js';
import { checkFeatureCount, checkTrainingMatrix, encodeLabels, toMatrix } from './matrix.js';
import type { Label, LabelInput, Matrix, MatrixInput } from './matrix.js';
import { bootstrapCounts, growTree } from './tree.js';
import type { FlatTree, TreeData, TreeParams } from './tree.js';
import { growTrees } from './tree-pool.js';
import { decodeArray, encodeArray } from './typed-codec.js';
import { invalidParam, notFitted } from './estimator.js';
import type { Estimator, EstimatorState } from './estimator.js';

/** Hyper-parameters, named after scikit-learn's in camelCase. */
export interface RandomForestParams {
  readonly nEstimators: number;
  readonly criterion: 'gini' | 'entropy';
  /** null grows until leaves are pure or too small. */
  readonly maxDepth: number | null;
  /** Integer >= 2, or a fraction in (0, 1) of the training rows. */
  readonly minSamplesSplit: number;
  /** Integer >= 1, or a fraction in (0, 0.5] of the training rows. */
  readonly minSamplesLeaf: number;
  /**
   * Features drawn per split: 'sqrt', 'log2', 'all' (or null), an integer count >= 1, or a fraction
   * in (0, 1). A non-integer is always a fraction; use 'all' for scikit-learn's 1.0.
   */
  readonly maxFeatures: 'sqrt' | 'log2' | 'all' | number | null;
  readonly bootstrap: boolean;
  /** Bootstrap draws per tree: null = number of rows, an integer, or a fraction in (0, 1]. */
  readonly maxSamples: number | null;
  /** 'balanced' weights class k by n / (nClasses * count_k) over the whole training set. */
  readonly classWeight: 'balanced' | null;
  /** Compute the out-of-bag accuracy at fit (needs bootstrap). */
  readonly oobScore: boolean;
  /** Quantile bins per feature, 2..256. */
  readonly maxBins: number;
  /** Worker threads for fit: 1 builds in-process, -1 uses every core. Never changes the model. */
  readonly nJobs: number;
  readonly seed: number;
}

export const RANDOM_FOREST_DEFAULTS: RandomForestParams = {
  nEstimators: 100,
  criterion: 'gini',
  maxDepth: null,
  minSamplesSplit: 2,
  minSamplesLeaf: 1,
  maxFeatures: 'sqrt',
  bootstrap: true,
  maxSamples: null,
  classWeight: null,
  oobScore: false,
  maxBins: 255,
  nJobs: 1,
  seed: 0,
};

interface Fitted {
  readonly classes: readonly Label[];
  readonly nFeatures: number;
  readonly forest: PackedForest;
  readonly featureImportances: Float64Array;
  readonly oobScore: number | null;
  readonly treeDepths: Int32Array;
}

/** A multi-class random forest; see docs/ml.md. */
export class RandomForestClassifier implements Estimator {
  readonly kind = 'random_forest' as const;
  readonly params: RandomForestParams;
  private fitted: Fitted | null = null;

  constructor(params: Partial<RandomForestParams> = {}) {
    this.params = { ...RANDOM_FOREST_DEFAULTS, ...params };
  }

  getParams(): Readonly<Record<string, unknown>> {
    return { ...this.params };
  }

  get isFitted(): boolean {
    return this.fitted !== null;
  }

  get classes(): readonly Label[] {
    return this.model('reading classes').classes;
  }

  get nFeatures(): number {
    return this.model('reading nFeatures').nFeatures;
  }

  /** Impurity-based importances (mean decrease in impurity), summing to 1 unless no tree split. */
  get featureImportances(): Float64Array {
    return this.model('reading featureImportances').featureImportances.slice();
  }

  /** Out-of-bag accuracy, or null when oobScore was off. */
  get oobScore(): number | null {
    return this.model('reading oobScore').oobScore;
  }

  /** Depth of each tree (diagnostics and docs). */
  get treeDepths(): Int32Array {
    return this.model('reading treeDepths').treeDepths.slice();
  }

  /** Fits on worker threads when nJobs > 1; the result is identical for any nJobs. */
  async fit(xIn: MatrixInput, y?: LabelInput): Promise<this> {
    const prep = this.prepare(xIn, y);
    const trees = await growTrees(prep.data, prep.treeParams, prep.seeds, this.params.nJobs);
    this.fitted = this.finish(prep, trees);
    return this;
  }

  /** Same model as fit, always in-process and synchronous (small data, scripts). */
  fitSync(xIn: MatrixInput, y?: LabelInput): this {
    const prep = this.prepare(xIn, y);
    const trees = prep.seeds.map((s) => growTree(prep.data, prep.treeParams, s));
    this.fitted = this.finish(prep, trees);
    return this;
  }

  predictProba(xIn: MatrixInput): Matrix {
    const m = this.model('predictProba');
    const x = toMatrix(xIn);
    checkFeatureCount(x, m.nFeatures);
    const C = m.classes.length;
    const out = new Float64Array(x.rows * C);
    const inv = 1 / m.forest.roots.length;
    accumulateProbaBatch(m.forest, x.data, x.rows, x.cols, out);
    for (let k = 0; k < out.length; k++) out[k] = (out[k] as number) * inv;
    return { data: out, rows: x.rows, cols: C };
  }

  predictProbaOne(x: ArrayLike<number>, out?: Float64Array): Float64Array {
    const m = this.model('predictProbaOne');
    if (x.length !== m.nFeatures) {
      throw new PhantomError('PN_ERR_MODEL_INPUT', `sample has ${x.length} features, the model was fitted on ${m.nFeatures}`);
    }
    const C = m.classes.length;
    if (out && out.length !== C) throw new PhantomError('PN_ERR_MODEL_INPUT', `out has length ${out.length}, expected ${C}`);
    if (out) out.fill(0);
    else out = new Float64Array(C);
    accumulateProba(m.forest, x, 0, out, 0);
    const inv = 1 / m.forest.roots.length;
    for (let c = 0; c < C; c++) out[c] = (out[c] as number) * inv;
    return out;
  }

  predict(xIn: MatrixInput): Label[] {
    const p = this.predictProba(xIn);
    const classes = this.model('predict').classes;
    return argmaxRows(p).map((k) => classes[k] as Label);
  }

  /** Class indices (into classes) instead of labels, for metrics on large batches. */
  predictIndex(xIn: MatrixInput): Int32Array {
    return Int32Array.from(argmaxRows(this.predictProba(xIn)));
  }

  toJSON(): EstimatorState {
    const m = this.model('toJSON');
    const nodes = deinterleave(m.forest);
    return {
      kind: this.kind,
      params: { ...this.params },
      classes: [...m.classes],
      nFeatures: m.nFeatures,
      state: {
        roots: encodeArray(m.forest.roots),
        feature: encodeArray(nodes.feature),
        threshold: encodeArray(nodes.threshold),
        right: encodeArray(nodes.right),
        leafValues: encodeArray(m.forest.leafValues),
        featureImportances: encodeArray(m.featureImportances),
        treeDepths: encodeArray(m.treeDepths),
        oobScore: m.oobScore,
      },
    };
  }

  /** Rebuilds a fitted forest from toJSON output (persistence.ts checks the envelope first). */
  static fromJSON(s: EstimatorState): RandomForestClassifier {
    if (s.kind !== 'random_forest') {
      throw new PhantomError('PN_ERR_MODEL_FORMAT', `expected a random_forest state, got ${String(s.kind)}`);
    }
    const rf = new RandomForestClassifier(s.params as Partial<RandomForestParams>);
    const st = s.state;
    const nClasses = s.classes.length;
    const nodes = {
      feature: decodeArray(st['feature'], 'int32', 'feature'),
      threshold: decodeArray(st['threshold'], 'float64', 'threshold'),
      right: decodeArray(st['right'], 'int32', 'right'),
    };
    const forest = interleave(
      nodes,
      decodeArray(st['roots'], 'int32', 'roots'),
      decodeArray(st['leafValues'], 'float64', 'leafValues'),
      nClasses,
      s.nFeatures,
    );
    const oob = st['oobScore'];
    rf.fitted = {
      classes: [...s.classes],
      nFeatures: s.nFeatures,
      forest,
      featureImportances: decodeArray(st['featureImportances'], 'float64', 'featureImportances'),
      treeDepths: decodeArray(st['treeDepths'], 'int32', 'treeDepths'),
      oobScore: typeof oob === 'number' ? oob : null,
    };
    return rf;
  }

  private model(action: string): Fitted {
    if (!this.fitted) throw notFitted(this.kind, action);
    return this.fitted;
  }

  private prepare(xIn: MatrixInput, y: LabelInput | undefined): Prepared {
    const x = toMatrix(xIn);
    checkTrainingMatrix(x);
    if (!y) throw new PhantomError('PN_ERR_MODEL_INPUT', 'random_forest needs labels y');
    const { classes, codes } = encodeLabels(y, x.rows);
    const p = this.params;
    const treeParams = resolveTreeParams(p, x.rows, x.cols);
    if (!Number.isInteger(p.nEstimators) || p.nEstimators < 1) {
      throw invalidParam('nEstimators', p.nEstimators, 'a positive integer');
    }
    if (!Number.isInteger(p.maxBins) || p.maxBins < 2 || p.maxBins > 256) {
      throw invalidParam('maxBins', p.maxBins, 'an integer in 2..256');
    }
    if (p.oobScore && !p.bootstrap) throw invalidParam('oobScore', true, 'false when bootstrap is false');
    const nClasses = classes.length;
    const classWeight = new Float64Array(nClasses).fill(1);
    if (p.classWeight === 'balanced') {
      const counts = new Float64Array(nClasses);
      for (let i = 0; i < codes.length; i++) (counts[codes[i] as number] as number)++;
      for (let c = 0; c < nClasses; c++) classWeight[c] = x.rows / (nClasses * (counts[c] as number));
    } else if (p.classWeight !== null) {
      throw invalidParam('classWeight', p.classWeight, "'balanced' or null");
    }
    const bins = computeBinEdges(x, p.maxBins);
    const data: TreeData = {
      binned: binMatrix(x, bins),
      nRows: x.rows,
      nCols: x.cols,
      y: codes,
      nClasses,
      classWeight,
      bins,
    };
    // Every tree's seed is drawn before any tree is grown: the forest cannot depend on scheduling.
    const master = new SeededRng(p.seed);
    const seeds = Array.from({ length: p.nEstimators }, () => master.nextUint32());
    return { x, classes, codes, data, treeParams, seeds };
  }

  private finish(prep: Prepared, trees: readonly FlatTree[]): Fitted {
    const { x, classes, codes, data, treeParams, seeds } = prep;
    const nClasses = classes.length;
    const forest = packTrees(trees, nClasses, x.cols);
    const imp = new Float64Array(x.cols);
    for (const t of trees) {
      let s = 0;
      for (let f = 0; f < x.cols; f++) s += t.importances[f] as number;
      if (s > 0) for (let f = 0; f < x.cols; f++) imp[f] = (imp[f] as number) + (t.importances[f] as number) / s;
    }
    let total = 0;
    for (let f = 0; f < x.cols; f++) total += imp[f] as number;
    if (total > 0) for (let f = 0; f < x.cols; f++) imp[f] = (imp[f] as number) / total;
    const oob = this.params.oobScore ? oobAccuracy(forest, x, codes, data.nRows, treeParams, seeds) : null;
    return {
      classes,
      nFeatures: x.cols,
      forest,
      featureImportances: imp,
      oobScore: oob,
      treeDepths: Int32Array.from(trees.map((t) => t.depth)),
    };
  }
}

interface Prepared {
  readonly x: Matrix;
  readonly classes: readonly Label[];
  readonly codes: Int32Array;
  readonly data: TreeData;
  readonly treeParams: TreeParams;
  readonly seeds: readonly number[];
}

/** Translates scikit-learn style options into the numbers the tree builder uses. */
export function resolveTreeParams(p: RandomForestParams, nRows: number, nCols: number): TreeParams {
  if (p.criterion !== 'gini' && p.criterion !== 'entropy') throw invalidParam('criterion', p.criterion, "'gini' or 'entropy'");
  if (p.maxDepth !== null && (!Number.isInteger(p.maxDepth) || p.maxDepth < 1)) {
    throw invalidParam('maxDepth', p.maxDepth, 'null or a positive integer');
  }
  let minSplit: number;
  if (Number.isInteger(p.minSamplesSplit) && p.minSamplesSplit >= 2) minSplit = p.minSamplesSplit;
  else if (p.minSamplesSplit > 0 && p.minSamplesSplit < 1) minSplit = Math.max(2, Math.ceil(p.minSamplesSplit * nRows));
  else throw invalidParam('minSamplesSplit', p.minSamplesSplit, 'an integer >= 2 or a fraction in (0, 1)');
  let minLeaf: number;
  if (Number.isInteger(p.minSamplesLeaf) && p.minSamplesLeaf >= 1) minLeaf = p.minSamplesLeaf;
  else if (p.minSamplesLeaf > 0 && p.minSamplesLeaf <= 0.5) minLeaf = Math.max(1, Math.ceil(p.minSamplesLeaf * nRows));
  else throw invalidParam('minSamplesLeaf', p.minSamplesLeaf, 'an integer >= 1 or a fraction in (0, 0.5]');
  const mf = p.maxFeatures;
  let maxFeatures: number;
  if (mf === null || mf === 'all') maxFeatures = nCols;
  else if (mf === 'sqrt') maxFeatures = Math.max(1, Math.floor(Math.sqrt(nCols)));
  else if (mf === 'log2') maxFeatures = Math.max(1, Math.floor(Math.log2(nCols)));
  else if (typeof mf === 'number' && Number.isInteger(mf) && mf >= 1) maxFeatures = Math.min(mf, nCols);
  else if (typeof mf === 'number' && mf > 0 && mf < 1) maxFeatures = Math.max(1, Math.floor(mf * nCols));
  else throw invalidParam('maxFeatures', mf, "'sqrt', 'log2', 'all', null, an integer >= 1 or a fraction in (0, 1)");
  let nDraws = nRows;
  if (p.maxSamples !== null) {
    if (Number.isInteger(p.maxSamples) && p.maxSamples >= 1) nDraws = p.maxSamples;
    else if (p.maxSamples > 0 && p.maxSamples <= 1) nDraws = Math.max(1, Math.round(p.maxSamples * nRows));
    else throw invalidParam('maxSamples', p.maxSamples, 'null, an integer >= 1 or a fraction in (0, 1]');
  }
  return {
    criterion: p.criterion,
    maxDepth: p.maxDepth ?? Number.MAX_SAFE_INTEGER,
    minSamplesSplit: minSplit,
    minSamplesLeaf: minLeaf,
    maxFeatures,
    bootstrap: p.bootstrap,
    nDraws,
  };
}

/** Accuracy of each row's prediction by the trees that did not see it (rows seen by all are skipped). */
function oobAccuracy(
  forest: PackedForest,
  x: Matrix,
  y: Int32Array,
  nRows: number,
  tp: TreeParams,
  seeds: readonly number[],
): number {
  const C = forest.nClasses;
  const votes = new Float64Array(nRows * C);
  const seen = new Uint8Array(nRows);
  for (let t = 0; t < seeds.length; t++) {
    const counts = bootstrapCounts(nRows, tp, new SeededRng(seeds[t] as number));
    const root = forest.roots[t] as number;
    for (let i = 0; i < nRows; i++) {
      if (counts[i] !== 0) continue;
      seen[i] = 1;
      const o = leafIndexOf(forest, leafNode(forest, root, x.data, i * x.cols)) * C;
      for (let c = 0; c < C; c++) votes[i * C + c] = (votes[i * C + c] as number) + (forest.leafValues[o + c] as number);
    }
  }
  let correct = 0;
  let n = 0;
  for (let i = 0; i < nRows; i++) {
    if (!seen[i]) continue;
    n++;
    let best = 0;
    for (let c = 1; c < C; c++) if ((votes[i * C + c] as number) > (votes[i * C + best] as number)) best = c;
    if (best === y[i]) correct++;
  }
  return n === 0 ? Number.NaN : correct / n;
}

/** Index of the largest value in each row (first on ties, like numpy's argmax). */
export function argmaxRows(p: Matrix): number[] {
  const out = new Array<number>(p.rows);
  for (let i = 0; i < p.rows; i++) {
    let best = 0;
    const o = i * p.cols;
    for (let c = 1; c < p.cols; c++) if ((p.data[o + c] as number) > (p.data[o + best] as number)) best = c;
    out[i] = best;
  }
  return out;
}
