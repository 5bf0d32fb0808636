// Configuration of the MySQL sensor.
import { z } from 'zod';
import { port, seconds, sensorCommon } from '../sensor-config-base.js';

export const MysqlConfigSchema = z.strictObject({
  ...sensorCommon,
  port: port.default(3306),
  /** Persona file name under personas/mysql (without .yaml). */
  persona: z.string().regex(/^[a-z0-9._-]+$/).default('mysql-8.0.39'),
  /**
   * The one account that logs in, with any password (the client sends only a scramble, which the shared
   * userdb cannot check); empty refuses every login with ERR 1045.
   */
  accept_username: z.string().max(32).default(''),
  /** Largest client packet in bytes (MySQL's max_allowed_packet); a larger one gets ERR 1153 and the connection ends. */
  max_packet_bytes: z.number().int().min(1024).max(16_777_215).default(1_048_576),
  /** Commands one connection may send; past it MySQL's max_questions error (1226) and the connection ends. */
  max_queries_per_session: z.number().int().min(1).max(10_000_000).default(1000),
  /** Seconds a client has to finish logging in (MySQL's connect_timeout). */
  connect_timeout_s: seconds(10, 3600),
});
