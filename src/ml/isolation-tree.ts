// One isolation tree (Liu et al. 2008, as in scikit-learn): random feature, uniform random threshold,
// grown to ceil(log2(maxSamples)); each leaf stores its depth plus c(leaf size), the expected path
// length of the unbuilt subtree, so scoring is a plain walk. Emits the same flat layout as tree.ts.
import type { SeededRng } from '../core/rng.js';
import type { Matrix } from './matrix.js';
import type { FlatTree } from './tree.js';

const EULER_GAMMA = 0.5772156649015329;

/**
 * Average path length of an unsuccessful BST search among n points: c(n) = 2 H(n-1) - 2 (n-1) / n,
 * with H(i) ~ ln(i) + Euler's constant; c(1) = 0 and c(2) = 1 (scikit-learn's _average_path_length).
 */
export function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  return 2 * (Math.log(n - 1) + EULER_GAMMA) - (2 * (n - 1)) / n;
}

/** Grows one isolation tree on the given subsample rows of x. */
export function growIsolationTree(x: Matrix, rows: Int32Array, heightLimit: number, rng: SeededRng): FlatTree {
  const { cols, data } = x;
  const idx = rows.slice();
  const m = idx.length;
  const cap = 2 * m + 1;
  const feature = new Int32Array(cap);
  const threshold = new Float64Array(cap);
  const right = new Int32Array(cap);
  const leafValues = new Float64Array(m + 1);
  const featPerm = new Int32Array(cols);
  for (let f = 0; f < cols; f++) featPerm[f] = f;
  let nodeCount = 0;
  let leafCount = 0;
  let maxDepth = 0;
  const stack: number[] = [0, m, 0, -1];
  while (stack.length > 0) {
    const parent = stack.pop() as number;
    const depth = stack.pop() as number;
    const end = stack.pop() as number;
    const start = stack.pop() as number;
    const node = nodeCount++;
    if (parent >= 0) right[parent] = node;
    if (depth > maxDepth) maxDepth = depth;
    const n = end - start;

    let splitF = -1;
    let thr = 0;
    if (depth < heightLimit && n > 1) {
      // Draw features without replacement until one is not constant in this node (as scikit-learn does).
      for (let k = 0; k < cols; k++) {
        const j = k + rng.int(cols - k);
        const f = featPerm[j] as number;
        featPerm[j] = featPerm[k] as number;
        featPerm[k] = f;
        let lo = Infinity;
        let hi = -Infinity;
        for (let p = start; p < end; p++) {
          const v = data[(idx[p] as number) * cols + f] as number;
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
        if (hi > lo) {
          splitF = f;
          thr = lo + rng.next() * (hi - lo);
          // Keep at least one row on the right even when rounding lands on hi.
          if (thr >= hi) thr = lo;
          break;
        }
      }
    }

    if (splitF < 0) {
      feature[node] = -1;
      right[node] = leafCount;
      leafValues[leafCount++] = depth + averagePathLength(n);
      continue;
    }
    let a = start;
    let b = end - 1;
    while (a <= b) {
      if ((data[(idx[a] as number) * cols + splitF] as number) <= thr) a++;
      else {
        const t = idx[a] as number;
        idx[a] = idx[b] as number;
        idx[b] = t;
        b--;
      }
    }
    feature[node] = splitF;
    threshold[node] = thr;
    stack.push(a, end, depth + 1, node);
    stack.push(start, a, depth + 1, -1);
  }
  return {
    feature: feature.slice(0, nodeCount),
    threshold: threshold.slice(0, nodeCount),
    right: right.slice(0, nodeCount),
    leafValues: leafValues.slice(0, leafCount),
    importances: new Float64Array(cols),
    depth: maxDepth,
  };
}
