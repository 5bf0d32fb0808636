// Log levels as a schema, shared by the config file and the logger.
import { z } from 'zod';

export const LOG_LEVELS_SCHEMA = z.enum(['debug', 'info', 'warn', 'error']);
