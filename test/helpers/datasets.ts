// Where the shared public attack datasets are: $PHANTOMNET_DATASETS, else shared/datasets beside this checkout,
// else beside the checkout it was cloned from (a CI clone in a temporary directory). Read in place, never copied.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function originCheckout(): string | undefined {
  try {
    const url = execFileSync('git', ['-C', REPO, 'config', '--get', 'remote.origin.url'], { encoding: 'utf8' }).trim();
    // Only a local path names a directory the datasets could sit beside.
    return url.startsWith('/') ? url.replace(/\/\.git\/?$/, '') : url.startsWith('file://') ? fileURLToPath(url) : undefined;
  } catch {
    return undefined;
  }
}

/** The first candidate directory that holds `relative`, or the conventional place (for the error message). */
export function datasetPath(relative: string): string {
  const origin = originCheckout();
  const candidates = [
    ...(process.env.PHANTOMNET_DATASETS ? [process.env.PHANTOMNET_DATASETS] : []),
    join(REPO, '..', 'shared', 'datasets'),
    ...(origin ? [join(origin, '..', 'shared', 'datasets')] : []),
  ].map((dir) => join(dir, relative));
  return candidates.find((p) => existsSync(p)) ?? candidates[0]!;
}
