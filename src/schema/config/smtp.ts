// Configuration of the SMTP sensor.
import { z } from 'zod';
import { port, sensorCommon } from '../sensor-config-base.js';

export const SmtpConfigSchema = z.strictObject({
  ...sensorCommon,
  /** Off until the sensor lands. */
  enabled: z.boolean().default(false),
  port: port.default(2525),
});
