// ML benchmark: one seeded dataset (50k x 32, 6 classes) written as CSV, then PhantomNet's forests and
// scikit-learn's trained and scored on it in the same run. Prints figures and ratios; asserts nothing.
// Run: node --import tsx bench/ml/run.ts   (about 3-4 minutes on 2 cores)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeClassification } from '../../src/ml/synthetic.js';
import { RandomForestClassifier } from '../../src/ml/random-forest.js';
import { IsolationForest } from '../../src/ml/isolation-forest.js';
import type { Matrix } from '../../src/ml/matrix.js';

const ROWS = 50_000;
const FEATURES = 32;
const CLASSES = 6;
const TRAIN = 40_000;
const TREES = 200;
const ISO_TREES = 100;
const SINGLE = 1000;
const ROUNDS = 5;

const log = (msg: string): void => console.error(`[bench] ${msg}`);

function writeCsv(path: string, x: Matrix, y: Int32Array, from: number, to: number): void {
  const header = [...Array.from({ length: FEATURES }, (_, j) => `f${j}`), 'label'].join(',');
  const lines = [header];
  for (let i = from; i < to; i++) {
    lines.push(`${Array.from(x.data.subarray(i * FEATURES, (i + 1) * FEATURES)).join(',')},${y[i]}`);
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

/** Reads the CSV back, so both sides provably use the same bytes. */
function readCsv(path: string): { x: Matrix; y: Int32Array } {
  const lines = readFileSync(path, 'utf8').trim().split('\n').slice(1);
  const data = new Float64Array(lines.length * FEATURES);
  const y = new Int32Array(lines.length);
  lines.forEach((line, i) => {
    const parts = line.split(',');
    for (let j = 0; j < FEATURES; j++) data[i * FEATURES + j] = Number(parts[j]);
    y[i] = Number(parts[FEATURES]);
  });
  return { x: { data, rows: lines.length, cols: FEATURES }, y };
}

function percentiles(ms: number[]): { p50: number; p99: number } {
  ms.sort((a, b) => a - b);
  return { p50: ms[Math.floor(ms.length / 2)] as number, p99: ms[Math.min(ms.length - 1, Math.floor(ms.length * 0.99))] as number };
}

/**
 * Single-sample latency: ROUNDS rounds of SINGLE calls on different test rows, each round's p50 and p99,
 * then the median round. The machine is shared, so one preempted round must not decide the figure.
 */
function timeSingle(x: Matrix, fn: (row: Float64Array) => unknown): { p50: number; p99: number } {
  const rowAt = (i: number): Float64Array => x.data.subarray((i % x.rows) * x.cols, ((i % x.rows) + 1) * x.cols) as Float64Array;
  for (let i = 0; i < 1000; i++) fn(rowAt(i)); // warm the JIT
  const rounds: { p50: number; p99: number }[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const ms: number[] = [];
    for (let i = 0; i < SINGLE; i++) {
      const row = rowAt(r * SINGLE + i);
      const t = process.hrtime.bigint();
      fn(row);
      ms.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    rounds.push(percentiles(ms));
  }
  const median = (v: number[]): number => v.sort((a, b) => a - b)[Math.floor(v.length / 2)] as number;
  return { p50: median(rounds.map((r) => r.p50)), p99: median(rounds.map((r) => r.p99)) };
}

interface RfFigures {
  fitS: number;
  accuracy: number;
  batchRowsPerS: number;
  p50: number;
  p99: number;
  digest: string;
}

async function benchRf(xtr: Matrix, ytr: Int32Array, xte: Matrix, yte: Int32Array, nJobs: number): Promise<RfFigures> {
  log(`PhantomNet RandomForestClassifier nEstimators=${TREES} nJobs=${nJobs}: fitting`);
  const rf = new RandomForestClassifier({ nEstimators: TREES, nJobs, seed: 0 });
  let t = performance.now();
  await rf.fit(xtr, ytr);
  const fitS = (performance.now() - t) / 1000;
  t = performance.now();
  const pred = rf.predictIndex(xte);
  const batchS = (performance.now() - t) / 1000;
  let ok = 0;
  for (let i = 0; i < xte.rows; i++) if (rf.classes[pred[i] as number] === yte[i]) ok++;
  const lat = timeSingle(xte, (r) => rf.predictProbaOne(r));
  const digest = createHash('sha256').update(JSON.stringify(rf.toJSON().state)).digest('hex').slice(0, 16);
  log(`  fit ${fitS.toFixed(1)}s accuracy ${(ok / xte.rows).toFixed(4)} model ${digest}`);
  return { fitS, accuracy: ok / xte.rows, batchRowsPerS: xte.rows / batchS, ...lat, digest };
}

function findPython(): string {
  for (const py of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(py, ['-c', 'import sklearn'], { stdio: 'ignore' });
    if (r.status === 0) return py;
  }
  throw new Error('no python3 with scikit-learn found (tried python3 and /usr/bin/python3; apt-get install python3-sklearn)');
}

const f = (v: number, d = 2): string => v.toFixed(d);
const pad = (s: string, n: number): string => s.padEnd(n);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pn-bench-ml-'));
  try {
    log(`generating ${ROWS} x ${FEATURES}, ${CLASSES} classes (seed 2024) into ${dir}`);
    const gen = makeClassification({ rows: ROWS, features: FEATURES, classes: CLASSES, informative: 10, redundant: 6, classSep: 1.5, flipY: 0.02, seed: 2024 });
    const trainCsv = join(dir, 'train.csv');
    const testCsv = join(dir, 'test.csv');
    writeCsv(trainCsv, gen.x, gen.y, 0, TRAIN);
    writeCsv(testCsv, gen.x, gen.y, TRAIN, ROWS);
    const tr = readCsv(trainCsv);
    const te = readCsv(testCsv);

    const rf1 = await benchRf(tr.x, tr.y, te.x, te.y, 1);
    const rf2 = await benchRf(tr.x, tr.y, te.x, te.y, 2);

    log(`PhantomNet IsolationForest nEstimators=${ISO_TREES}: fitting`);
    const iso = new IsolationForest({ nEstimators: ISO_TREES, seed: 0 });
    let t = performance.now();
    await iso.fit(tr.x);
    const isoFitS = (performance.now() - t) / 1000;
    t = performance.now();
    iso.scoreSamples(te.x);
    const isoBatch = te.x.rows / ((performance.now() - t) / 1000);
    const isoLat = timeSingle(te.x, (r) => iso.scoreOne(r));

    const py = findPython();
    log(`scikit-learn via ${py} (progress below)`);
    const res = spawnSync(py, [join(dirname(fileURLToPath(import.meta.url)), 'sklearn_bench.py'), '--train', trainCsv, '--test', testCsv, '--trees', String(TREES), '--iso-trees', String(ISO_TREES)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 20,
    });
    if (res.status !== 0) throw new Error(`sklearn_bench.py failed with status ${res.status}`);
    const sk = JSON.parse(res.stdout) as {
      sklearn: string;
      rf: Record<'1' | '2', { fit_s: number; accuracy: number; batch_rows_per_s: number; p50_ms: number; p99_ms: number }>;
      iso: { fit_s: number; batch_rows_per_s: number; p50_ms: number; p99_ms: number };
    };

    const s1 = sk.rf['1'];
    const s2 = sk.rf['2'];
    const lines: string[] = [];
    lines.push('');
    lines.push(`ML bench: ${ROWS} rows (${TRAIN} train / ${ROWS - TRAIN} test) x ${FEATURES} features, ${CLASSES} classes; node ${process.version}, scikit-learn ${sk.sklearn}`);
    lines.push('');
    lines.push(`${pad('model', 44)}${pad('fit s', 9)}${pad('accuracy', 10)}${pad('batch rows/s', 14)}${pad('1-row p50 ms', 14)}1-row p99 ms`);
    const rowOf = (name: string, fit: number, acc: number | null, thr: number, p50: number, p99: number): string =>
      `${pad(name, 44)}${pad(f(fit), 9)}${pad(acc === null ? '-' : f(acc, 4), 10)}${pad(Math.round(thr).toString(), 14)}${pad(f(p50, 4), 14)}${f(p99, 4)}`;
    lines.push(rowOf(`PhantomNet RF ${TREES} trees nJobs=1`, rf1.fitS, rf1.accuracy, rf1.batchRowsPerS, rf1.p50, rf1.p99));
    lines.push(rowOf(`PhantomNet RF ${TREES} trees nJobs=2`, rf2.fitS, rf2.accuracy, rf2.batchRowsPerS, rf2.p50, rf2.p99));
    lines.push(rowOf(`scikit-learn RF ${TREES} trees n_jobs=1`, s1.fit_s, s1.accuracy, s1.batch_rows_per_s, s1.p50_ms, s1.p99_ms));
    lines.push(rowOf(`scikit-learn RF ${TREES} trees n_jobs=2`, s2.fit_s, s2.accuracy, s2.batch_rows_per_s, s2.p50_ms, s2.p99_ms));
    lines.push(rowOf(`PhantomNet IsolationForest ${ISO_TREES} trees`, isoFitS, null, isoBatch, isoLat.p50, isoLat.p99));
    lines.push(rowOf(`scikit-learn IsolationForest ${ISO_TREES} trees`, sk.iso.fit_s, null, sk.iso.batch_rows_per_s, sk.iso.p50_ms, sk.iso.p99_ms));
    lines.push(`1-row latency: median over ${ROUNDS} rounds of ${SINGLE} calls (PhantomNet) of each round's p50 / p99; scikit-learn: one round of 200 calls.`);
    lines.push('');
    lines.push('ratios (PhantomNet / scikit-learn; < 1 is faster for times):');
    lines.push(`  RF fit time nJobs=1 vs n_jobs=1: ${f(rf1.fitS / s1.fit_s)}`);
    lines.push(`  RF fit time nJobs=2 vs n_jobs=2: ${f(rf2.fitS / s2.fit_s)}`);
    lines.push(`  RF accuracy difference (points): ${f(100 * (rf2.accuracy - s2.accuracy))}`);
    lines.push(`  RF batch throughput: ${f(rf2.batchRowsPerS / s2.batch_rows_per_s)}x`);
    lines.push(`  RF single-sample p99: ${f(rf2.p99 / s2.p99_ms, 4)}`);
    lines.push(`  IsolationForest fit time: ${f(isoFitS / sk.iso.fit_s)}; single-sample p50: ${f(isoLat.p50 / sk.iso.p50_ms, 4)}`);
    lines.push(`  PhantomNet model identical for nJobs=1 and nJobs=2: ${rf1.digest === rf2.digest ? 'yes' : 'NO'} (${rf1.digest})`);
    lines.push('');
    const aim = (ok: boolean, text: string): string => `  [${ok ? 'MET ' : 'MISS'}] ${text}`;
    lines.push('aims:');
    lines.push(aim(rf2.fitS <= s2.fit_s, `RF fit (nJobs=2) ${f(rf2.fitS)}s <= scikit-learn n_jobs=2 ${f(s2.fit_s)}s`));
    lines.push(aim(Math.abs(rf2.accuracy - s2.accuracy) <= 0.01, `RF accuracy within 1 point of scikit-learn (${f(rf2.accuracy, 4)} vs ${f(s2.accuracy, 4)})`));
    lines.push(aim(rf2.p99 <= 0.2, `RF single-sample predictProba p99 ${f(rf2.p99, 4)} ms <= 0.2 ms`));
    lines.push(aim(isoLat.p99 <= 0.05, `IsolationForest single-sample score p99 ${f(isoLat.p99, 4)} ms <= 0.05 ms`));
    console.log(lines.join('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
