// Worker-thread entry that grows trees for tree-pool.ts: the shared training data arrives once in
// workerData, then one message per tree (index and seed); each finished tree goes back transferred.
import { parentPort, workerData } from 'node:worker_threads';
import { growTree } from './tree.js';
import type { TreeData, TreeParams } from './tree.js';

/** What tree-pool.ts passes as workerData. */
export interface TreeWorkerInit {
  readonly data: TreeData;
  readonly params: TreeParams;
}

/** One unit of work: tree `index` grown from `seed`. */
export interface TreeJob {
  readonly index: number;
  readonly seed: number;
}

const port = parentPort;
if (port) {
  const { data, params } = workerData as TreeWorkerInit;
  port.on('message', (job: TreeJob) => {
    const tree = growTree(data, params, job.seed);
    port.postMessage({ index: job.index, tree }, [
      tree.feature.buffer as ArrayBuffer,
      tree.threshold.buffer as ArrayBuffer,
      tree.right.buffer as ArrayBuffer,
      tree.leafValues.buffer as ArrayBuffer,
      tree.importances.buffer as ArrayBuffer,
    ]);
  });
}
