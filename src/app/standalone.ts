// Composition root of `phantomnet start`: sensors, bus, store and outputs in one process,
// and the orderly shutdown that gives every session its session.closed before the store closes.
import { join } from 'node:path';
import type { Config } from '../schema/config.js';
import { systemClock, type Clock } from '../core/clock.js';
import { createLogger, throttled, type Logger, type LogLevel } from '../core/logger.js';
import { Metrics } from '../core/metrics.js';
import type { ListenAddress, Sensor } from '../core/sensor.js';
import { SessionScope } from '../core/session-scope.js';
import type { Store } from '../core/store.js';
import type { Output } from '../core/output.js';
import { resolveDataPath, resolvedDataDir } from '../core/config-loader.js';
import { MemoryBus } from '../pipeline/memory-bus.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { createOutputs } from '../outputs/registry.js';
import { SENSOR_FACTORIES, type SensorName } from '../sensors/registry.js';
import { prepareDataDir } from './data-dir.js';
import { loadOrCreateIdentity } from '../core/identity/store.js';
import type { InstanceIdentity } from '../schema/instance-identity.js';
import { loadProductionModel, type LoadedModel } from './model-loader.js';

export interface StandaloneOptions {
  clock?: Clock;
  /** Where log lines go besides the log file (tests collect them); defaults to stderr. */
  logWrite?: (line: string) => void;
  logLevel?: LogLevel;
}

export interface RunningSensor {
  name: string;
  address: ListenAddress;
}

export class Standalone {
  private stopping: Promise<void> | undefined;

  private constructor(
    readonly config: Config,
    readonly dataDir: string,
    readonly logger: Logger,
    readonly metrics: Metrics,
    readonly bus: MemoryBus,
    readonly store: Store,
    private readonly outputs: Output[],
    private readonly sensors: Sensor[],
    readonly listening: RunningSensor[],
    /** The registry's production model, or null; the feature extractor and classifier stage will use it. */
    readonly model: LoadedModel | null,
    /** This instance's emulated machine (<data_dir>/instance.json). */
    readonly identity: InstanceIdentity,
  ) {}

  static async start(config: Config, opts: StandaloneOptions = {}): Promise<Standalone> {
    const clock = opts.clock ?? systemClock;
    const dataDir = resolvedDataDir(config);
    prepareDataDir(dataDir);
    const logger = createLogger({
      level: opts.logLevel ?? config.general.log_level,
      file: join(dataDir, 'logs', 'phantomnet.log'),
      ...(opts.logWrite ? { write: opts.logWrite } : {}),
    });
    // Before anything opens: a corrupt production model must stop start-up without a port bound.
    const model = loadProductionModel(dataDir, logger.child({ component: 'model' }));
    // First start without `phantomnet init`: choose this instance's identity now, once, and keep it.
    const { identity, created } = loadOrCreateIdentity(dataDir);
    if (created) logger.info('instance identity created', { file: join(dataDir, 'instance.json'), hostname: identity.hostname, kernel: identity.kernel.release });
    const metrics = new Metrics();
    const bus = new MemoryBus({ capacity: config.bus.queue_capacity, logger: logger.child({ component: 'bus' }), metrics });
    const store = await SqliteStore.open({
      path: resolveDataPath(config, config.store.path),
      batchSize: config.store.batch_size,
      flushIntervalMs: config.store.flush_interval_ms,
      logger,
      metrics,
    });
    // A short linger turns a trickle of single events into batches: one file append and one message to the
    // writer thread for many events (a tenth of the CPU of a busy SSH sensor).
    const linger = { lingerMs: config.bus.linger_ms };
    bus.subscribe(
      'store',
      async (batch) => {
        store.append(batch);
        await store.writable();
      },
      linger,
    );
    const outputs = createOutputs(config.outputs, { dataDir, logger, clock });
    for (const out of outputs) bus.subscribe(`output.${out.name}`, (batch) => out.write(batch), linger);

    const reportInvalid = throttled(5000, (suppressed) =>
      logger.error('an emitter produced an event outside the catalogue (programming fault)', { suppressed }),
    );
    const sensorCtx = {
      sensorName: config.general.sensor_name,
      dataDir,
      identity,
      logger,
      metrics,
      openSession: (info: ConstructorParameters<typeof SessionScope>[0]) =>
        new SessionScope(info, {
          sensor: config.general.sensor_name,
          clock,
          publish: (e) => bus.publish(e),
          onInvalid: (eventid, problem) => {
            metrics.inc('events.invalid');
            reportInvalid();
            logger.debug('invalid event', { eventid, problem });
          },
        }),
    };

    const sensors: Sensor[] = [];
    const listening: RunningSensor[] = [];
    const app = new Standalone(config, dataDir, logger, metrics, bus, store, outputs, sensors, listening, model, identity);
    try {
      for (const name of Object.keys(SENSOR_FACTORIES) as SensorName[]) {
        if (!config[name].enabled) continue;
        const sensor = SENSOR_FACTORIES[name](config);
        const address = await sensor.start(sensorCtx);
        sensors.push(sensor);
        listening.push({ name, address });
      }
    } catch (e) {
      await app.stop();
      throw e;
    }
    logger.info('started', { data_dir: dataDir, sensors: listening.map((s) => `${s.name}@${s.address.host}:${s.address.port}`).join(',') });
    return app;
  }

  /** Port a sensor actually bound (port 0 in config becomes a real one). */
  port(sensor: string): number {
    const s = this.listening.find((l) => l.name === sensor);
    if (!s) throw new Error(`sensor ${sensor} is not running`);
    return s.address.port;
  }

  /** Every event published so far is in the store and every output. */
  async settle(): Promise<void> {
    await this.bus.drain();
    await this.store.flush();
  }

  /** Stop accepting, close every session (each gets session.closed), flush and close the store and outputs. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      await Promise.all(this.sensors.map((s) => s.stop()));
      await this.bus.close();
      await this.store.close();
      await Promise.all(this.outputs.map((o) => o.close()));
      const stats = this.bus.stats();
      this.logger.info('stopped', {
        events: stats.published,
        dropped: Object.values(stats.subscribers).reduce((n, s) => n + s.dropped, 0),
      });
    })();
    return this.stopping;
  }
}
