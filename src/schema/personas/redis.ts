// The Redis persona schema: the version facts INFO prints and the CONFIG table an instance starts with.
import { z } from 'zod';

export const RedisPersonaSchema = z.strictObject({
  name: z.string(),
  /** INFO server facts, printed as given. */
  server: z.strictObject({
    redis_version: z.string().regex(/^\d+\.\d+\.\d+$/),
    redis_git_sha1: z.string().regex(/^[0-9a-f]{8}$/),
    redis_build_id: z.string().regex(/^[0-9a-f]{16}$/),
    os: z.string(),
    gcc_version: z.string(),
    executable: z.string(),
    config_file: z.string(),
    mem_allocator: z.string(),
    /** Range the per-instance process id is drawn from. */
    process_id_min: z.number().int().min(2),
    process_id_max: z.number().int().min(2),
    /** Range the per-instance uptime base (seconds) is drawn from. */
    uptime_min_s: z.number().int().min(0),
    uptime_max_s: z.number().int().min(0),
    total_system_memory: z.number().int().min(1),
  }),
  /** CONFIG GET table in Redis's parameter names, every value as Redis prints it. */
  config: z.record(z.string().regex(/^[a-z0-9-]+$/), z.string()),
  /** Parameters CONFIG SET refuses with "can't set immutable config". */
  immutable_config: z.array(z.string()),
});

export type RedisPersona = z.infer<typeof RedisPersonaSchema>;
