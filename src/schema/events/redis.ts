// Redis sensor events.
import { z } from 'zod';
import { event } from '../event-base.js';

export const REDIS_EVENTS = [
  event('redis.command', 'One Redis command (RESP or inline), name upper-cased, arguments as sent.', {
    command: z.string(),
    args: z.array(z.string()),
    /** At least one argument was longer than the sensor keeps (redis.event_arg_bytes) and was cut. */
    args_truncated: z.boolean(),
  }),
] as const;
