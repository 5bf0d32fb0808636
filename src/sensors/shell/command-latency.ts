// The pause before an interactive command's output: a real host forks and execs, so answers never come
// back in zero time; the pause varies around the configured mean (half to one and a half times it).
import { randomInt } from 'node:crypto';
import { SeededRng } from '../../core/rng.js';

const rng = new SeededRng(randomInt(2 ** 32));

export function commandLatency(meanMs: number): Promise<void> | undefined {
  if (!(meanMs > 0)) return undefined;
  const ms = meanMs * (0.5 + rng.next());
  return new Promise((resolve) => setTimeout(resolve, ms));
}
