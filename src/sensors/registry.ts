// Sensors by name: the composition root builds the enabled ones from config without a switch.
import type { Config } from '../schema/config.js';
import type { Sensor } from '../core/sensor.js';
import { SshSensor } from './ssh/ssh-sensor.js';

export type SensorFactory = (config: Config) => Sensor;

export const SENSOR_FACTORIES = {
  ssh: (config) => new SshSensor(config),
} satisfies Record<string, SensorFactory>;

export type SensorName = keyof typeof SENSOR_FACTORIES;
