// What every TCP sensor's configuration section shares: address, port and the per-connection limits.
import { z } from 'zod';

export const port = z.number().int().min(0, 'must be a port number 0-65535').max(65535, 'must be a port number 0-65535');
export const seconds = (def: number, max: number) => z.number().int().min(1).max(max).default(def);

/** Limits every TCP sensor shares. */
export const sensorCommon = {
  enabled: z.boolean().default(true),
  host: z.string().min(1).default('0.0.0.0'),
  max_connections: z.number().int().min(1).max(100_000).default(512),
  max_connections_per_source: z.number().int().min(1).max(10_000).default(32),
  /** Hard cap on a session's life, whatever it does. */
  max_session_s: seconds(3600, 86_400),
  /** A session with no input this long is closed. */
  idle_timeout_s: seconds(300, 86_400),
};

