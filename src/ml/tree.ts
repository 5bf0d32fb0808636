// One classification tree grown on the binned matrix with histogram split search, emitted as flat
// typed arrays. Pure function of (data, params, seed), so a tree is the same in any worker.
import { SeededRng } from '../core/rng.js';
import type { BinEdges } from './binning.js';

/** Everything a tree needs about the training set; shared read-only between workers. */
export interface TreeData {
  /** Column-major bins: feature f, row i at f * nRows + i. */
  readonly binned: Uint8Array;
  readonly nRows: number;
  readonly nCols: number;
  /** Class index of each row. */
  readonly y: Int32Array;
  readonly nClasses: number;
  /** Weight of each class (all 1 unless class_weight is set). */
  readonly classWeight: Float64Array;
  readonly bins: BinEdges;
}

/** Resolved (numeric) growth parameters. */
export interface TreeParams {
  readonly criterion: 'gini' | 'entropy';
  readonly maxDepth: number;
  readonly minSamplesSplit: number;
  readonly minSamplesLeaf: number;
  readonly maxFeatures: number;
  readonly bootstrap: boolean;
  /** Number of bootstrap draws (with replacement). */
  readonly nDraws: number;
}

/**
 * A fitted tree in preorder: the left child of internal node i is i + 1, its right child right[i].
 * A leaf has feature -1 and right[i] holds its leaf index into leafValues (nClasses per leaf).
 */
export interface FlatTree {
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly right: Int32Array;
  readonly leafValues: Float64Array;
  /** Unnormalised impurity decrease per feature (weighted by node weight / root weight). */
  readonly importances: Float64Array;
  readonly depth: number;
}

/** Per-row bootstrap multiplicity; regenerated from the seed for out-of-bag scoring. */
export function bootstrapCounts(nRows: number, params: TreeParams, rng: SeededRng): Int32Array {
  const counts = new Int32Array(nRows);
  if (!params.bootstrap) {
    counts.fill(1);
    return counts;
  }
  for (let k = 0; k < params.nDraws; k++) (counts[rng.int(nRows)] as number)++;
  return counts;
}

const EPS = 1e-12;

/** Grows one tree. The seed drives the bootstrap draw first, then the per-split feature draws. */
export function growTree(data: TreeData, params: TreeParams, seed: number): FlatTree {
  const { binned, nRows, nCols, y, nClasses: C, classWeight } = data;
  const { edges, offsets, nBins } = data.bins;
  const rng = new SeededRng(seed);
  const counts = bootstrapCounts(nRows, params, rng);
  const entropy = params.criterion === 'entropy';

  let m = 0;
  for (let i = 0; i < nRows; i++) if ((counts[i] as number) > 0) m++;
  const idx = new Int32Array(m);
  const sw = new Float64Array(nRows);
  for (let i = 0, k = 0; i < nRows; i++) {
    const c = counts[i] as number;
    if (c > 0) {
      idx[k++] = i;
      sw[i] = c * (classWeight[y[i] as number] as number);
    }
  }

  const capNodes = 2 * m + 1;
  const feature = new Int32Array(capNodes);
  const threshold = new Float64Array(capNodes);
  const right = new Int32Array(capNodes);
  const leafValues = new Float64Array((m + 1) * C);
  const importances = new Float64Array(nCols);
  let nodeCount = 0;
  let leafCount = 0;
  let maxDepthSeen = 0;

  let maxB = 0;
  for (let f = 0; f < nCols; f++) maxB = Math.max(maxB, nBins[f] as number);
  const histW = new Float64Array(maxB * C);
  const histN = new Int32Array(maxB);
  const stamp = new Int32Array(maxB);
  let token = 0;
  const tot = new Float64Array(C);
  const left = new Float64Array(C);
  const bestLeft = new Float64Array(C);
  const featPerm = new Int32Array(nCols);
  for (let f = 0; f < nCols; f++) featPerm[f] = f;

  // Explicit stack of (start, end, depth, parent); parent < 0 marks a left child or the root.
  const stack: number[] = [0, m, 0, -1];
  let rootWeight = 0;

  while (stack.length > 0) {
    const parent = stack.pop() as number;
    const depth = stack.pop() as number;
    const end = stack.pop() as number;
    const start = stack.pop() as number;
    const node = nodeCount++;
    if (parent >= 0) right[parent] = node;
    if (depth > maxDepthSeen) maxDepthSeen = depth;

    tot.fill(0);
    let W = 0;
    for (let p = start; p < end; p++) {
      const r = idx[p] as number;
      const w = sw[r] as number;
      const yc = y[r] as number;
      tot[yc] = (tot[yc] as number) + w;
      W += w;
    }
    if (node === 0) rootWeight = W;
    const imp = impurity(tot, W, entropy);
    const n = end - start;

    let bestF = -1;
    let bestB = -1;
    let bestScore = -Infinity;
    let bestNL = 0;
    if (depth < params.maxDepth && n >= params.minSamplesSplit && n >= 2 * params.minSamplesLeaf && imp > EPS) {
      let visited = 0;
      for (let k = 0; k < nCols && visited < params.maxFeatures; k++) {
        const j = k + rng.int(nCols - k);
        const f = featPerm[j] as number;
        featPerm[j] = featPerm[k] as number;
        featPerm[k] = f;

        token++;
        let lo = 255;
        let hi = 0;
        let distinct = 0;
        const base = f * nRows;
        for (let p = start; p < end; p++) {
          const r = idx[p] as number;
          const b = binned[base + r] as number;
          if (stamp[b] !== token) {
            stamp[b] = token;
            histN[b] = 0;
            histW.fill(0, b * C, b * C + C);
            if (b < lo) lo = b;
            if (b > hi) hi = b;
            distinct++;
          }
          const hk = b * C + (y[r] as number);
          histW[hk] = (histW[hk] as number) + (sw[r] as number);
          (histN[b] as number)++;
        }
        // A constant feature does not count towards max_features (as in scikit-learn).
        if (distinct < 2) continue;
        visited++;

        left.fill(0);
        let wl = 0;
        let nl = 0;
        for (let b = lo; b < hi; b++) {
          if (stamp[b] !== token) continue;
          const o = b * C;
          for (let c = 0; c < C; c++) {
            const v = histW[o + c] as number;
            left[c] = (left[c] as number) + v;
            wl += v;
          }
          nl += histN[b] as number;
          const nr = n - nl;
          if (nl < params.minSamplesLeaf) continue;
          if (nr < params.minSamplesLeaf) break;
          const wr = W - wl;
          if (wl <= EPS || wr <= EPS) continue;
          const score = entropy ? entropyProxy(left, tot, wl, wr) : giniProxy(left, tot, wl, wr);
          if (score > bestScore + EPS) {
            bestScore = score;
            bestF = f;
            bestB = b;
            bestNL = nl;
            bestLeft.set(left);
          }
        }
      }
    }

    if (bestF < 0) {
      feature[node] = -1;
      right[node] = leafCount;
      const o = leafCount * C;
      for (let c = 0; c < C; c++) leafValues[o + c] = (tot[c] as number) / W;
      leafCount++;
      continue;
    }

    // Partition idx[start, end) so rows with bin <= bestB come first.
    const base = bestF * nRows;
    let a = start;
    let b = end - 1;
    while (a <= b) {
      if ((binned[base + (idx[a] as number)] as number) <= bestB) a++;
      else {
        const t = idx[a] as number;
        idx[a] = idx[b] as number;
        idx[b] = t;
        b--;
      }
    }
    const mid = start + bestNL;

    let wl = 0;
    for (let c = 0; c < C; c++) wl += bestLeft[c] as number;
    const wr = W - wl;
    for (let c = 0; c < C; c++) tot[c] = (tot[c] as number) - (bestLeft[c] as number);
    const impL = impurity(bestLeft, wl, entropy);
    const impR = impurity(tot, wr, entropy);
    importances[bestF] = (importances[bestF] as number) + (W * imp - wl * impL - wr * impR) / rootWeight;

    feature[node] = bestF;
    threshold[node] = edges[(offsets[bestF] as number) + bestB] as number;
    // Push right first so the left child is popped next and gets id node + 1.
    stack.push(mid, end, depth + 1, node);
    stack.push(start, mid, depth + 1, -1);
  }

  return {
    feature: feature.slice(0, nodeCount),
    threshold: threshold.slice(0, nodeCount),
    right: right.slice(0, nodeCount),
    leafValues: leafValues.slice(0, leafCount * C),
    importances,
    depth: maxDepthSeen,
  };
}

/** Gini or entropy (natural log) of weighted class totals. */
export function impurity(counts: Float64Array, w: number, entropy: boolean): number {
  if (w <= 0) return 0;
  let s = 0;
  if (entropy) {
    for (let c = 0; c < counts.length; c++) {
      const p = (counts[c] as number) / w;
      if (p > EPS) s -= p * Math.log(p);
    }
    return s;
  }
  for (let c = 0; c < counts.length; c++) {
    const p = (counts[c] as number) / w;
    s += p * p;
  }
  return 1 - s;
}

// Maximising sum(cL^2)/wL + sum(cR^2)/wR is minimising the weighted child Gini, without divisions per class.
function giniProxy(left: Float64Array, tot: Float64Array, wl: number, wr: number): number {
  let sl = 0;
  let sr = 0;
  for (let c = 0; c < left.length; c++) {
    const l = left[c] as number;
    const r = (tot[c] as number) - l;
    sl += l * l;
    sr += r * r;
  }
  return sl / wl + sr / wr;
}

// Minimising wL*H(L) + wR*H(R) = wL ln wL - sum cL ln cL + (same for R); return its negative.
function entropyProxy(left: Float64Array, tot: Float64Array, wl: number, wr: number): number {
  let s = -wl * Math.log(wl) - wr * Math.log(wr);
  for (let c = 0; c < left.length; c++) {
    const l = left[c] as number;
    const r = (tot[c] as number) - l;
    if (l > EPS) s += l * Math.log(l);
    if (r > EPS) s += r * Math.log(r);
  }
  return s;
}
