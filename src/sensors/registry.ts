// Sensors by name: the composition root builds the enabled ones from config without a switch.
import type { Config } from '../schema/config.js';
import type { Sensor } from '../core/sensor.js';
import { SshSensor } from './ssh/ssh-sensor.js';
import { RedisSensor } from './redis/redis-sensor.js';
import { HttpSensor } from './http/http-sensor.js';
import { MysqlSensor } from './mysql/mysql-sensor.js';
import { SmtpSensor } from './smtp/smtp-sensor.js';
import { FtpSensor } from './ftp/ftp-sensor.js';
import { TelnetSensor } from './telnet/telnet-sensor.js';

export type SensorFactory = (config: Config) => Sensor;

export const SENSOR_FACTORIES = {
  ssh: (config) => new SshSensor(config),
  redis: (config) => new RedisSensor(config),
  http: (config) => new HttpSensor(config, false),
  https: (config) => new HttpSensor(config, true),
  mysql: (config) => new MysqlSensor(config),
  smtp: (config) => new SmtpSensor(config),
  ftp: (config) => new FtpSensor(config),
  telnet: (config) => new TelnetSensor(config),
} satisfies Record<string, SensorFactory>;

export type SensorName = keyof typeof SENSOR_FACTORIES;
