// Starting a worker thread from a module beside the caller, compiled (.js in dist) or from source (.ts
// under tsx in tests and benches). Node 20 does not apply tsx's loader to a worker's .ts entry, so
// under tsx the worker starts from a small eval'd script that registers tsx and then imports the entry.
import { Worker } from 'node:worker_threads';

/**
 * `callerUrl` is the caller's import.meta.url; `entry` the worker module's name without extension,
 * resolved beside the caller.
 */
export function spawnWorker(callerUrl: string, entry: string, workerData: unknown): Worker {
  if (!callerUrl.endsWith('.ts')) {
    return new Worker(new URL(`./${entry}.js`, callerUrl), { workerData });
  }
  const source = new URL(`./${entry}.ts`, callerUrl).href;
  const api = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(code, { eval: true, workerData, execArgv: withoutTsx(process.execArgv) });
}

// The eval'd bootstrap registers tsx itself; a second registration from inherited flags is avoided.
function withoutTsx(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if ((a === '--import' || a === '--require' || a === '--loader') && (args[i + 1] ?? '').includes('tsx')) {
      i++;
      continue;
    }
    if (a.includes('tsx')) continue;
    out.push(a);
  }
  return out;
}
