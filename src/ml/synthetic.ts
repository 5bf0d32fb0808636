// Seeded synthetic classification data in the spirit of scikit-learn's make_classification, for
// tests and the bench: Gaussian clusters at hypercube vertices, redundant mixes, noise, label flips.
import { SeededRng } from '../core/rng.js';
import type { Matrix } from './matrix.js';

export interface SyntheticOptions {
  readonly rows: number;
  readonly features: number;
  readonly classes: number;
  /** Features that carry the class signal. */
  readonly informative?: number;
  /** Linear combinations of informative features. */
  readonly redundant?: number;
  readonly clustersPerClass?: number;
  /** Half the hypercube side; larger is easier. */
  readonly classSep?: number;
  /** Fraction of labels replaced at random (irreducible error). */
  readonly flipY?: number;
  /** Relative class frequencies (defaults to equal). */
  readonly weights?: readonly number[];
  readonly seed: number;
}

/** A standard normal draw (Box-Muller) from the seeded generator. */
export function gaussian(rng: SeededRng): number {
  let u = rng.next();
  while (u <= 0) u = rng.next();
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Generates X (Float64Array row-major) and integer labels 0..classes-1. */
export function makeClassification(o: SyntheticOptions): { x: Matrix; y: Int32Array } {
  const rng = new SeededRng(o.seed);
  const nInf = Math.min(o.informative ?? Math.max(2, Math.ceil(o.features / 3)), o.features);
  const nRed = Math.min(o.redundant ?? 0, o.features - nInf);
  const k = o.clustersPerClass ?? 2;
  const sep = o.classSep ?? 1;
  const flip = o.flipY ?? 0.01;
  const nClusters = o.classes * k;
  const centroids: Float64Array[] = [];
  const mixes: Float64Array[] = [];
  for (let c = 0; c < nClusters; c++) {
    const cen = new Float64Array(nInf);
    for (let j = 0; j < nInf; j++) cen[j] = (rng.next() < 0.5 ? -1 : 1) * sep;
    centroids.push(cen);
    // A random linear map per cluster gives it a correlated, non-spherical shape.
    const a = new Float64Array(nInf * nInf);
    for (let j = 0; j < a.length; j++) a[j] = 2 * rng.next() - 1;
    mixes.push(a);
  }
  const red = new Float64Array(nInf * nRed);
  for (let j = 0; j < red.length; j++) red[j] = 2 * rng.next() - 1;

  const w = o.weights ?? new Array<number>(o.classes).fill(1);
  const wSum = w.reduce((s, v) => s + v, 0);
  const cum: number[] = [];
  let acc = 0;
  for (const v of w) cum.push((acc += v / wSum));

  const x = new Float64Array(o.rows * o.features);
  const y = new Int32Array(o.rows);
  const z = new Float64Array(nInf);
  for (let i = 0; i < o.rows; i++) {
    const u = rng.next();
    let cls = cum.findIndex((c) => u < c);
    if (cls < 0) cls = o.classes - 1;
    const cl = cls * k + rng.int(k);
    const cen = centroids[cl] as Float64Array;
    const a = mixes[cl] as Float64Array;
    for (let j = 0; j < nInf; j++) z[j] = gaussian(rng);
    const base = i * o.features;
    for (let j = 0; j < nInf; j++) {
      let s = cen[j] as number;
      for (let l = 0; l < nInf; l++) s += (a[j * nInf + l] as number) * (z[l] as number);
      x[base + j] = s;
    }
    for (let r = 0; r < nRed; r++) {
      let s = 0;
      for (let j = 0; j < nInf; j++) s += (red[r * nInf + j] as number) * (x[base + j] as number);
      x[base + nInf + r] = s;
    }
    for (let j = nInf + nRed; j < o.features; j++) x[base + j] = gaussian(rng);
    y[i] = rng.next() < flip ? rng.int(o.classes) : cls;
  }
  return { x: { data: x, rows: o.rows, cols: o.features }, y };
}
