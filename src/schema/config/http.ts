// Configuration of the HTTP sensor.
import { z } from 'zod';
import { port, sensorCommon } from '../sensor-config-base.js';

export const HttpConfigSchema = z.strictObject({
  ...sensorCommon,
  /** Off until the sensor lands. */
  enabled: z.boolean().default(false),
  port: port.default(8080),
});

/** HTTPS: the same web persona over TLS with a per-instance certificate. */
export const HttpsConfigSchema = z.strictObject({
  ...sensorCommon,
  enabled: z.boolean().default(false),
  port: port.default(8443),
});
