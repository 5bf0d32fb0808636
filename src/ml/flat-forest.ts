// All trees of a fitted forest concatenated into one interleaved node buffer, so predicting one sample
// touches one cache line per visited node (threshold, feature and right child side by side) instead
// of three arrays; single-sample latency on big forests is bound by those cache misses.
import { PhantomError } from '../core/errors.js';
import type { FlatTree } from './tree.js';

/**
 * Node i occupies 16 bytes. Internal node: threshold as float64 at f64[2i], feature as int32 at
 * i32[4i + 2], the right child's global index at i32[4i + 3]; the left child is i + 1 (preorder).
 * Leaf: feature -1, its global leaf index (as a float64) at f64[2i], and at i32[4i + 3] the class
 * index when the leaf's distribution is one-hot (else -1). Fully grown trees have mostly pure
 * leaves, so most predictions never touch leafValues at all. See FlatTree for the canonical form.
 */
export interface PackedForest {
  readonly nClasses: number;
  readonly roots: Int32Array;
  readonly nNodes: number;
  readonly f64: Float64Array;
  readonly i32: Int32Array;
  readonly leafValues: Float64Array;
}

/** The canonical (serialised) per-field node arrays. */
export interface NodeArrays {
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly right: Int32Array;
}

/**
 * Interleaves separate node arrays (from fit or from a saved model). The structure is checked first:
 * children must lie after their parent and inside the forest, so a corrupt file can neither read out
 * of bounds nor loop forever.
 */
export function interleave(
  nodes: NodeArrays,
  roots: Int32Array,
  leafValues: Float64Array,
  nClasses: number,
  nFeatures: number,
): PackedForest {
  const n = nodes.feature.length;
  const bad = (why: string): PhantomError => new PhantomError('PN_ERR_MODEL_FORMAT', `forest structure is corrupt: ${why}`);
  if (nodes.threshold.length !== n || nodes.right.length !== n) throw bad('node arrays differ in length');
  if (nClasses < 1 || leafValues.length % nClasses !== 0) throw bad('leaf values do not match the class count');
  const nLeaves = leafValues.length / nClasses;
  for (const r of roots) if (r < 0 || r >= n) throw bad(`root ${r} outside 0..${n - 1}`);
  for (let i = 0; i < n; i++) {
    const f = nodes.feature[i] as number;
    const r = nodes.right[i] as number;
    if (f < 0 ? r < 0 || r >= nLeaves : f >= nFeatures || i + 1 >= n || r <= i + 1 || r >= n) throw bad(`node ${i}`);
  }
  const buf = new ArrayBuffer(n * 16);
  const f64 = new Float64Array(buf);
  const i32 = new Int32Array(buf);
  for (let i = 0; i < n; i++) {
    const feat = nodes.feature[i] as number;
    const r = nodes.right[i] as number;
    i32[4 * i + 2] = feat;
    if (feat >= 0) {
      f64[2 * i] = nodes.threshold[i] as number;
      i32[4 * i + 3] = r;
    } else {
      f64[2 * i] = r;
      i32[4 * i + 3] = nClasses >= 2 ? pureClass(leafValues, r * nClasses, nClasses) : -1;
    }
  }
  return { nClasses, roots, nNodes: n, f64, i32, leafValues };
}

function pureClass(lv: Float64Array, o: number, C: number): number {
  let k = -1;
  for (let c = 0; c < C; c++) {
    const v = lv[o + c] as number;
    if (v === 1 && k < 0) k = c;
    else if (v !== 0) return -1;
  }
  return k;
}

/** Splits the interleaved buffer back into per-field arrays for persistence (leaf thresholds are 0). */
export function deinterleave(f: PackedForest): NodeArrays {
  const feature = new Int32Array(f.nNodes);
  const threshold = new Float64Array(f.nNodes);
  const right = new Int32Array(f.nNodes);
  for (let i = 0; i < f.nNodes; i++) {
    const feat = f.i32[4 * i + 2] as number;
    feature[i] = feat;
    if (feat >= 0) {
      threshold[i] = f.f64[2 * i] as number;
      right[i] = f.i32[4 * i + 3] as number;
    } else {
      right[i] = f.f64[2 * i] as number;
    }
  }
  return { feature, threshold, right };
}

/** Concatenates trees in index order (the order, not the worker that built them, fixes the result). */
export function packTrees(trees: readonly FlatTree[], nClasses: number, nFeatures: number): PackedForest {
  let nodes = 0;
  let leaves = 0;
  for (const t of trees) {
    nodes += t.feature.length;
    leaves += t.leafValues.length / nClasses;
  }
  const roots = new Int32Array(trees.length);
  const feature = new Int32Array(nodes);
  const threshold = new Float64Array(nodes);
  const right = new Int32Array(nodes);
  const leafValues = new Float64Array(leaves * nClasses);
  let nodeOff = 0;
  let leafOff = 0;
  trees.forEach((t, ti) => {
    roots[ti] = nodeOff;
    feature.set(t.feature, nodeOff);
    threshold.set(t.threshold, nodeOff);
    for (let i = 0; i < t.feature.length; i++) {
      right[nodeOff + i] = (t.right[i] as number) + ((t.feature[i] as number) < 0 ? leafOff : nodeOff);
    }
    leafValues.set(t.leafValues, leafOff * nClasses);
    nodeOff += t.feature.length;
    leafOff += t.leafValues.length / nClasses;
  });
  return interleave({ feature, threshold, right }, roots, leafValues, nClasses, nFeatures);
}

/** The leaf node (a global node index) that x reaches in the tree rooted at `root`. */
export function leafNode(f: PackedForest, root: number, x: ArrayLike<number>, xOff: number): number {
  const { f64, i32 } = f;
  let node = root;
  let feat = i32[4 * node + 2] as number;
  while (feat >= 0) {
    node = (x[xOff + feat] as number) <= (f64[2 * node] as number) ? node + 1 : (i32[4 * node + 3] as number);
    feat = i32[4 * node + 2] as number;
  }
  return node;
}

/** Global leaf index (into leafValues / nClasses) of a leaf node. */
export function leafIndexOf(f: PackedForest, node: number): number {
  return f.f64[2 * node] as number;
}

/** Adds leaf node `node`'s class distribution into out[outOff ..]. */
function addLeaf(f: PackedForest, node: number, out: Float64Array, outOff: number): void {
  const pure = f.i32[4 * node + 3] as number;
  if (pure >= 0) {
    out[outOff + pure] = (out[outOff + pure] as number) + 1;
    return;
  }
  const C = f.nClasses;
  const lv = f.leafValues;
  const o = (f.f64[2 * node] as number) * C;
  for (let c = 0; c < C; c++) out[outOff + c] = (out[outOff + c] as number) + (lv[o + c] as number);
}

/** Trees walked in lock-step by accumulateProba. */
const GROUP = 8;
const cursors = new Int32Array(GROUP);

/**
 * Adds the leaf distributions of every tree for x into out[outOff .. outOff + C); the caller divides
 * by the tree count. Walks GROUP trees in lock-step: their node loads are independent, so the CPU
 * overlaps the cache misses that dominate one sample's latency on a large forest.
 */
export function accumulateProba(f: PackedForest, x: ArrayLike<number>, xOff: number, out: Float64Array, outOff: number): void {
  const { roots, f64, i32 } = f;
  const T = roots.length;
  for (let t0 = 0; t0 < T; t0 += GROUP) {
    const g = Math.min(GROUP, T - t0);
    for (let k = 0; k < g; k++) cursors[k] = roots[t0 + k] as number;
    let active = g;
    while (active > 0) {
      active = 0;
      for (let k = 0; k < g; k++) {
        const node = cursors[k] as number;
        const feat = i32[4 * node + 2] as number;
        if (feat < 0) continue;
        cursors[k] = (x[xOff + feat] as number) <= (f64[2 * node] as number) ? node + 1 : (i32[4 * node + 3] as number);
        active++;
      }
    }
    // Leaves are added in tree order, so the floating-point sum matches the batch path exactly.
    for (let k = 0; k < g; k++) addLeaf(f, cursors[k] as number, out, outOff);
  }
}

/**
 * Batch version, tree by tree over all rows: one tree's nodes stay in cache while every row walks it,
 * which is several times faster than row by row on forests larger than the cache.
 */
export function accumulateProbaBatch(f: PackedForest, x: ArrayLike<number>, rows: number, cols: number, out: Float64Array): void {
  const C = f.nClasses;
  for (let t = 0; t < f.roots.length; t++) {
    const root = f.roots[t] as number;
    for (let i = 0; i < rows; i++) addLeaf(f, leafNode(f, root, x, i * cols), out, i * C);
  }
}
