// Quantile binning: maps each feature to at most 255 ordered bins so split search scans histograms,
// not sorted values. A value x falls in the first bin b with x <= edge[b], so "bin <= b" on the binned
// matrix and "x <= edge[b]" on raw input send every training row the same way.
import type { Matrix } from './matrix.js';

/** Per-feature bin edges, flattened: feature f owns edges[offsets[f] .. offsets[f + 1]). */
export interface BinEdges {
  readonly edges: Float64Array;
  readonly offsets: Int32Array;
  /** Number of bins of each feature (its edge count + 1). */
  readonly nBins: Uint16Array;
}

/** Quantiles are estimated on at most this many rows (a deterministic stride, no randomness needed). */
const QUANTILE_SAMPLE = 200_000;

/** Computes edges: midpoints between distinct values when they fit in maxBins, else quantile cut points. */
export function computeBinEdges(x: Matrix, maxBins = 255): BinEdges {
  const { rows, cols, data } = x;
  const stride = Math.max(1, Math.ceil(rows / QUANTILE_SAMPLE));
  const m = Math.ceil(rows / stride);
  const col = new Float64Array(m);
  const perFeature: Float64Array[] = [];
  for (let f = 0; f < cols; f++) {
    for (let k = 0, i = 0; i < rows; i += stride, k++) col[k] = data[i * cols + f] as number;
    col.sort();
    perFeature.push(featureEdges(col, maxBins));
  }
  const offsets = new Int32Array(cols + 1);
  for (let f = 0; f < cols; f++) offsets[f + 1] = (offsets[f] as number) + (perFeature[f] as Float64Array).length;
  const edges = new Float64Array(offsets[cols] as number);
  const nBins = new Uint16Array(cols);
  for (let f = 0; f < cols; f++) {
    const e = perFeature[f] as Float64Array;
    edges.set(e, offsets[f] as number);
    nBins[f] = e.length + 1;
  }
  return { edges, offsets, nBins };
}

function featureEdges(sorted: Float64Array, maxBins: number): Float64Array {
  const distinct: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i] as number;
    if (distinct.length === 0 || v !== distinct[distinct.length - 1]) distinct.push(v);
  }
  const out: number[] = [];
  if (distinct.length <= maxBins) {
    for (let i = 0; i + 1 < distinct.length; i++) {
      out.push(midpoint(distinct[i] as number, distinct[i + 1] as number));
    }
    return Float64Array.from(out);
  }
  const n = sorted.length;
  for (let j = 1; j < maxBins; j++) {
    const pos = Math.min(n - 1, Math.floor((j * n) / maxBins));
    const v = sorted[pos] as number;
    // The last value can never be an edge: something must fall into the top bin.
    if (v >= (sorted[n - 1] as number)) break;
    if (out.length === 0 || v > (out[out.length - 1] as number)) out.push(v);
  }
  return Float64Array.from(out);
}

function midpoint(a: number, b: number): number {
  const mid = a + (b - a) / 2;
  // Rounding can land the midpoint on b, which would put b in the lower bin.
  return mid < b ? mid : a;
}

/** Bin index of one value: first edge >= x (binary search), or the top bin. */
export function binOf(edges: Float64Array, lo: number, hi: number, x: number): number {
  let a = lo;
  let b = hi;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (x <= (edges[mid] as number)) b = mid;
    else a = mid + 1;
  }
  return a - lo;
}

/**
 * Bins X column-major (feature f, row i at f * rows + i) into a SharedArrayBuffer, so tree workers
 * share it without copying and a node's histogram for one feature reads one contiguous column.
 */
export function binMatrix(x: Matrix, be: BinEdges): Uint8Array {
  const { rows, cols, data } = x;
  const out = new Uint8Array(new SharedArrayBuffer(rows * cols));
  for (let f = 0; f < cols; f++) {
    const lo = be.offsets[f] as number;
    const hi = be.offsets[f + 1] as number;
    const base = f * rows;
    for (let i = 0; i < rows; i++) out[base + i] = binOf(be.edges, lo, hi, data[i * cols + f] as number);
  }
  return out;
}
