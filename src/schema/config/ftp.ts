// Configuration of the FTP sensor.
import { z } from 'zod';
import { port, sensorCommon } from '../sensor-config-base.js';

export const FtpConfigSchema = z.strictObject({
  ...sensorCommon,
  /** Off until the sensor lands. */
  enabled: z.boolean().default(false),
  port: port.default(2121),
});
