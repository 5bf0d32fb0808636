// HTTP and HTTPS sensor events.
import { z } from 'zod';
import { event } from '../event-base.js';

export const HTTP_EVENTS = [
  event('http.request', 'One HTTP request as received: request line, headers in original order and case, body (capped).', {
    method: z.string(),
    uri: z.string(),
    http_version: z.string(),
    /** [name, value] pairs; an array of 2-element arrays (not a tuple) so every store and doc tool reads it as string[][]. */
    headers: z.array(z.array(z.string()).length(2)),
    body: z.string(),
    body_length: z.number().int().min(0),
    body_truncated: z.boolean(),
    status: z.number().int().min(0).max(999),
    tls: z.boolean(),
  }),
] as const;
