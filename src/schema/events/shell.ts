// Events of the interactive sessions behind SSH and Telnet beyond the login: environment, downloads, recordings.
import { z } from 'zod';
import { event } from '../event-base.js';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const SHELL_EVENTS = [
  event('client.var', 'An environment variable the client sent (SSH env request, Telnet NEW-ENVIRON or TTYPE).', {
    name: z.string(),
    value: z.string(),
  }),
  event('session.params', 'The emulated system a session runs on, as its shell reports it.', {
    arch: z.string(),
  }),
  event('session.file_download', 'A file a shell command fetched (wget, curl, tftp, ftpget); stored once by SHA-256.', {
    url: z.string(),
    outfile: z.string(),
    shasum: sha256,
    size: z.number().int().min(0),
    duplicate: z.boolean(),
    truncated: z.boolean(),
  }),
  event('session.file_download.failed', 'A download a shell command attempted but that did not happen; the URL is kept.', {
    url: z.string(),
    reason: z.enum(['disabled', 'refused_address', 'rate_limited', 'unresolved', 'connect_failed', 'timeout', 'too_large', 'http_error', 'protocol_unsupported']),
  }),
  event('log.closed', 'The session recording (asciinema v2 cast) was closed: its path in the data directory, size and SHA-256.', {
    ttylog: z.string(),
    size: z.number().int().min(0),
    shasum: sha256,
    duplicate: z.boolean(),
    duration_ms: z.number().int().min(0),
  }),
] as const;
