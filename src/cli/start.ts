// `phantomnet start`: load and check the configuration, run the standalone honeypot until a signal.
import { loadConfigOrThrow } from '../core/config-loader.js';
import { PhantomError } from '../core/errors.js';
import { Standalone } from '../app/standalone.js';

export async function startCommand(configFile: string | undefined): Promise<number> {
  let app: Standalone;
  try {
    const config = loadConfigOrThrow({ ...(configFile ? { file: configFile } : {}), env: process.env, cwd: process.cwd() });
    app = await Standalone.start(config);
  } catch (e) {
    if (e instanceof PhantomError) {
      process.stderr.write(`phantomnet: ${e.code}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  for (const s of app.listening) {
    process.stdout.write(`${s.name} listening on ${s.address.host}:${s.address.port}\n`);
  }
  process.stdout.write(`data directory: ${app.dataDir}\n`);
  await new Promise<void>((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      process.stdout.write(`${signal} received, closing sessions and flushing the store\n`);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  await app.stop();
  return 0;
}
