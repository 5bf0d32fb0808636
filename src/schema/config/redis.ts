// Configuration of the Redis sensor.
import { z } from 'zod';
import { port, sensorCommon } from '../sensor-config-base.js';

export const RedisConfigSchema = z.strictObject({
  ...sensorCommon,
  port: port.default(6379),
  /** Persona file name under personas/redis (without .yaml). */
  persona: z.string().regex(/^[a-z0-9._-]+$/).default('redis-7.0.15-debian-12'),
  /** Most arguments in one RESP command; a larger multibulk length is Redis's "invalid multibulk length". */
  max_args: z.number().int().min(16).max(1_048_576).default(1024),
  /** Largest RESP bulk argument in bytes; a larger one is Redis's "invalid bulk length". */
  max_bulk_bytes: z.number().int().min(1024).max(536_870_912).default(524_288),
  /** Commands one connection may send before it is closed with reason limit. */
  max_commands_per_session: z.number().int().min(1).max(10_000_000).default(10_000),
  /** Bytes of each argument kept in a redis.command event; longer ones are cut and flagged. */
  event_arg_bytes: z.number().int().min(64).max(1_048_576).default(4096),
  /** Keys one source address may hold (all databases together); more get Redis's OOM error. */
  keyspace_max_keys: z.number().int().min(1).max(1_000_000).default(1024),
  /** Bytes of keys and values one source address may hold. */
  keyspace_max_bytes: z.number().int().min(1024).max(1_073_741_824).default(1_048_576),
  /** Source addresses whose keyspace is kept; the least recently seen is forgotten first. */
  keyspace_max_sources: z.number().int().min(1).max(100_000).default(256),
});
