// MySQL sensor events.
import { z } from 'zod';
import { event } from '../event-base.js';

export const MYSQL_EVENTS = [
  event('mysql.query', 'A COM_QUERY statement as the client sent it.', {
    query: z.string(),
  }),
  event('mysql.command', 'Any other client command (COM_INIT_DB, COM_PING, COM_FIELD_LIST, ...), by name, with its argument.', {
    command: z.string(),
    argument: z.string(),
  }),
] as const;
