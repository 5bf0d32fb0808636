// FTP sensor events.
import { z } from 'zod';
import { event } from '../event-base.js';

export const FTP_EVENTS = [
  event('ftp.command', 'One FTP command line (RFC 959 verb and argument); PASS arguments appear in login events instead.', {
    command: z.string(),
    argument: z.string(),
  }),
] as const;
