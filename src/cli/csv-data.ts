// Reads a training CSV (header row, numeric features, a label column, optionally a group column) into a
// matrix, with errors that name the row and column, since the operator has to fix the file by hand.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { PhantomError } from '../core/errors.js';
import type { Label, Matrix } from '../ml/matrix.js';

export interface TrainingData {
  readonly featureNames: readonly string[];
  readonly x: Matrix;
  readonly y: readonly Label[];
  /** Values of the --group column, or null. */
  readonly groups: readonly string[] | null;
}

export interface CsvOptions {
  readonly label: string;
  readonly group?: string;
}

function fail(message: string): PhantomError {
  return new PhantomError('PN_ERR_MODEL_INPUT', message);
}

/**
 * Splits one CSV line (RFC 4180 quoting, no embedded newlines: training files are one row per line).
 */
function splitLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((v) => v.trim());
}

/** Numeric labels when every label parses as a finite number, else the strings as written. */
function labels(raw: readonly string[]): Label[] {
  const nums = raw.map((v) => (v === '' ? Number.NaN : Number(v)));
  return nums.every(Number.isFinite) ? nums : [...raw];
}

export function readTrainingCsv(path: string, opts: CsvOptions): TrainingData {
  if (!existsSync(path)) throw fail(`data file ${path} does not exist`);
  if (!statSync(path).isFile()) throw fail(`data file ${path} is not a regular file`);
  const lines = readFileSync(path, 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/);
  while (lines.length > 0 && (lines[lines.length - 1] as string).trim() === '') lines.pop();
  if (lines.length === 0) throw fail(`data file ${path} is empty (a header row is required)`);
  const header = splitLine(lines[0] as string);
  const labelCol = header.indexOf(opts.label);
  if (labelCol < 0) throw fail(`label column "${opts.label}" is not in ${path}; columns: ${header.join(', ')}`);
  const groupCol = opts.group === undefined ? -1 : header.indexOf(opts.group);
  if (opts.group !== undefined && groupCol < 0) throw fail(`group column "${opts.group}" is not in ${path}; columns: ${header.join(', ')}`);
  const featureCols = header.map((_, i) => i).filter((i) => i !== labelCol && i !== groupCol);
  if (featureCols.length === 0) throw fail(`${path} has no feature columns besides the label`);
  const featureNames = featureCols.map((i) => header[i] as string);
  const dup = featureNames.find((n, i) => featureNames.indexOf(n) !== i);
  if (dup !== undefined) throw fail(`${path} has the column "${dup}" twice`);

  const rows = lines.length - 1;
  const data = new Float64Array(rows * featureCols.length);
  const rawLabels: string[] = [];
  const groups: string[] = [];
  for (let r = 0; r < rows; r++) {
    // Line numbers as an editor shows them: the header is line 1.
    const lineNo = r + 2;
    const cells = splitLine(lines[r + 1] as string);
    if (cells.length !== header.length) throw fail(`${path} line ${lineNo} has ${cells.length} columns, the header has ${header.length}`);
    for (let j = 0; j < featureCols.length; j++) {
      const cell = cells[featureCols[j] as number] as string;
      const v = cell === '' ? Number.NaN : Number(cell);
      if (!Number.isFinite(v)) {
        throw fail(`${path} line ${lineNo}, column "${featureNames[j] as string}": ${JSON.stringify(cell)} is not a finite number`);
      }
      data[r * featureCols.length + j] = v;
    }
    const label = cells[labelCol] as string;
    if (label === '') throw fail(`${path} line ${lineNo}: the label column "${opts.label}" is empty`);
    rawLabels.push(label);
    if (groupCol >= 0) groups.push(cells[groupCol] as string);
  }
  return {
    featureNames,
    x: { data, rows, cols: featureCols.length },
    y: labels(rawLabels),
    groups: groupCol >= 0 ? groups : null,
  };
}

/**
 * Stands in for the feature extractor's schema hash until src/features exists: the model is tied to
 * the CSV's feature names in order, so a model trained on other columns is refused at load.
 */
export function csvFeatureSchemaHash(featureNames: readonly string[]): string {
  return createHash('sha256').update(`phantomnet-csv-features-v1:${JSON.stringify(featureNames)}`).digest('hex');
}
