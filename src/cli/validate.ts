// `phantomnet validate`: every configuration problem, one per line, and a non-zero exit if there is any.
import { loadConfig } from '../core/config-loader.js';

export function validateCommand(file: string | undefined): number {
  const result = loadConfig({ ...(file ? { file } : {}), env: process.env, cwd: process.cwd() });
  if (result.problems.length > 0) {
    for (const p of result.problems) process.stderr.write(`${p.message}\n`);
    process.stderr.write(`${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} found\n`);
    return 1;
  }
  process.stdout.write(`configuration OK (${result.source ?? 'defaults, no file'})\n`);
  return 0;
}
