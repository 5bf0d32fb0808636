// SMTP sensor events: every command line, and every message received (never delivered).
import { z } from 'zod';
import { event } from '../event-base.js';

export const SMTP_EVENTS = [
  event('smtp.command', 'One SMTP command line (verb and argument).', {
    command: z.string(),
    argument: z.string(),
  }),
  event('smtp.message', 'A message received after DATA: envelope, size and content (capped). It is never delivered.', {
    mail_from: z.string(),
    rcpt_to: z.array(z.string()),
    size: z.number().int().min(0),
    data: z.string(),
    data_truncated: z.boolean(),
    shasum: z.string().regex(/^[0-9a-f]{64}$/),
    complete: z.boolean(),
  }),
] as const;
