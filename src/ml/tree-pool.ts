// Grows a forest's trees on worker_threads. Trees are assigned dynamically, but each tree's seed was
// fixed up front and results are stored by index, so the forest never depends on the worker count.
import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../core/spawn-worker.js';
import { availableParallelism } from 'node:os';
import { PhantomError } from '../core/errors.js';
import { growTree } from './tree.js';
import type { FlatTree, TreeData, TreeParams } from './tree.js';
import type { TreeJob, TreeWorkerInit } from './tree-worker.js';

/** nJobs as scikit-learn reads it: -1 means every core, otherwise a positive count. */
export function resolveJobs(nJobs: number): number {
  if (nJobs === -1) return availableParallelism();
  if (!Number.isInteger(nJobs) || nJobs < 1) {
    throw new PhantomError('PN_ERR_MODEL_INPUT', `nJobs must be -1 or a positive integer, got ${nJobs}`);
  }
  return nJobs;
}

function startWorker(init: TreeWorkerInit): Worker {
  return spawnWorker(import.meta.url, 'tree-worker', init);
}

/** Grows trees with the given seeds; in-process when nJobs is 1. */
export async function growTrees(
  data: TreeData,
  params: TreeParams,
  seeds: readonly number[],
  nJobs: number,
): Promise<FlatTree[]> {
  const jobs = Math.min(resolveJobs(nJobs), seeds.length);
  if (jobs <= 1) return seeds.map((s) => growTree(data, params, s));

  const results: (FlatTree | undefined)[] = new Array<FlatTree | undefined>(seeds.length);
  const workers: Worker[] = [];
  let next = 0;
  let done = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const init: TreeWorkerInit = { data, params };
      const feed = (w: Worker): void => {
        if (next >= seeds.length) return;
        const job: TreeJob = { index: next, seed: seeds[next] as number };
        next++;
        w.postMessage(job);
      };
      for (let k = 0; k < jobs; k++) {
        const w = startWorker(init);
        workers.push(w);
        w.on('message', (msg: { index: number; tree: FlatTree }) => {
          results[msg.index] = msg.tree;
          done++;
          if (done === seeds.length) resolve();
          else feed(w);
        });
        w.on('error', (err) => reject(new PhantomError('PN_ERR_MODEL_TRAINING', `tree worker failed: ${err.message}`, { cause: err })));
        w.on('exit', (code) => {
          if (done < seeds.length) reject(new PhantomError('PN_ERR_MODEL_TRAINING', `tree worker exited early with code ${code}`));
        });
        feed(w);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results as FlatTree[];
}
