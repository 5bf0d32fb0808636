// The Sensor contract: a protocol front end that binds a port, opens a SessionScope per connection and emits events.
import type { Protocol } from '../schema/events.js';
import type { InstanceIdentity } from '../schema/instance-identity.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import type { SessionScope, ConnectionInfo } from './session-scope.js';

export interface SensorContext {
  /** Name of this sensor instance (the `sensor` field of every event). */
  sensorName: string;
  dataDir: string;
  /** This deployment's own machine (host name, kernel, MAC, serials): what no other instance shows. */
  identity: InstanceIdentity;
  logger: Logger;
  metrics: Metrics;
  /** Bind a new session to a connection; emits session.connect at once. */
  openSession(info: ConnectionInfo): SessionScope;
}

export interface ListenAddress {
  host: string;
  port: number;
}

export interface Sensor {
  readonly name: string;
  readonly protocol: Protocol;
  /** Bind and start accepting; resolves with the bound address (port 0 becomes the real port). */
  start(ctx: SensorContext): Promise<ListenAddress>;
  /** Stop accepting, end every live session (each gets session.closed with reason shutdown), then resolve. */
  stop(): Promise<void>;
  /** Live connections right now. */
  activeSessions(): number;
}
