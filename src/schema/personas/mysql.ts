// The MySQL persona: what the greeting, the recon queries and the error texts reveal about the server.
import { z } from 'zod';

const identifier = z.string().regex(/^[A-Za-z0-9_$-]{1,64}$/);

export const MysqlPersonaSchema = z.strictObject({
  name: z.string(),
  /** Server version string of the greeting and of @@version. */
  version: z.string().regex(/^[\x21-\x7e]{1,60}$/),
  version_comment: z.string(),
  /** Capability flags the greeting advertises (both halves, as one 32-bit number). */
  capabilities: z.number().int().min(0).max(0xffffffff),
  /** Server default collation id of the greeting (255 = utf8mb4_0900_ai_ci). */
  charset: z.number().int().min(0).max(255),
  /** Server status flags of the greeting and of OK packets (2 = SERVER_STATUS_AUTOCOMMIT). */
  status: z.number().int().min(0).max(0xffff),
  /** The default authentication plugin named in the greeting. */
  auth_plugin: z.enum(['caching_sha2_password', 'mysql_native_password']),
  /** The first connection id handed out; later connections count up from it. */
  first_connection_id: z.number().int().min(1).max(0xffffff),
  /** Databases and their tables, as SHOW DATABASES / SHOW TABLES list them. */
  databases: z.record(identifier, z.array(identifier)),
  /** Rows of mysql.user. */
  users: z.array(
    z.strictObject({
      user: z.string(),
      host: z.string(),
      plugin: z.string(),
      authentication_string: z.string(),
    }),
  ),
  /** System variables (SHOW VARIABLES, SELECT @@name); names in lower case. */
  variables: z.record(z.string().regex(/^[a-z0-9_]+$/), z.string()),
});
export type MysqlPersona = z.infer<typeof MysqlPersonaSchema>;
