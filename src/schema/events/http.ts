// HTTP and HTTPS sensor events.
import { z } from 'zod';
import { event } from '../event-base.js';

export const HTTP_EVENTS = [
  event('http.request', 'One HTTP request as received: request line, headers in original order and case, body (capped).', {
    method: z.string(),
    uri: z.string(),
    http_version: z.string(),
    headers: z.array(z.tuple([z.string(), z.string()])),
    body: z.string(),
    body_length: z.number().int().min(0),
    body_truncated: z.boolean(),
    status: z.number().int().min(0).max(999),
    tls: z.boolean(),
  }),
] as const;
