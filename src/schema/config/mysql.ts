// Configuration of the MySQL sensor.
import { z } from 'zod';
import { port, sensorCommon } from '../sensor-config-base.js';

export const MysqlConfigSchema = z.strictObject({
  ...sensorCommon,
  /** Off until the sensor lands. */
  enabled: z.boolean().default(false),
  port: port.default(3306),
});
