// Redis sensor events.
import { z } from 'zod';
import { event } from '../event-base.js';

export const REDIS_EVENTS = [
  event('redis.command', 'One Redis command (RESP or inline), name upper-cased, arguments as sent.', {
    command: z.string(),
    args: z.array(z.string()),
  }),
] as const;
