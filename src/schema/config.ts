// The configuration schema: defaults that work with no file, strict keys, and the cross-field rules
// (one port per sensor). The loader maps every problem to the YAML key, file and line.
import { z } from 'zod';
import { LOG_LEVELS_SCHEMA } from './log-level.js';
import { port, seconds, sensorCommon } from './sensor-config-base.js';
import { FtpConfigSchema } from './config/ftp.js';
import { HttpConfigSchema, HttpsConfigSchema } from './config/http.js';
import { MysqlConfigSchema } from './config/mysql.js';
import { RedisConfigSchema } from './config/redis.js';
import { ShellConfigSchema } from './config/shell.js';
import { SmtpConfigSchema } from './config/smtp.js';
import { TelnetConfigSchema } from './config/telnet.js';


export const GeneralConfigSchema = z.strictObject({
  /** The `sensor` field of every event; defaults to a neutral name, never the project's. */
  sensor_name: z.string().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash and underscore only').default('sensor-01'),
  data_dir: z.string().min(1).default('./data'),
  log_level: LOG_LEVELS_SCHEMA.default('info'),
});

export const StoreConfigSchema = z.strictObject({
  /** SQLite database file; relative paths are inside data_dir. */
  path: z.string().min(1).default('phantomnet.sqlite'),
  /** Most events committed in one transaction. */
  batch_size: z.number().int().min(1).max(100_000).default(4096),
  /** Longest an event waits before its group commit. */
  flush_interval_ms: z.number().int().min(1).max(10_000).default(50),
});

export const BusConfigSchema = z.strictObject({
  /** Events each subscriber may have waiting before new ones are dropped (and counted). */
  queue_capacity: z.number().int().min(1024).max(10_000_000).default(262_144),
  /** How long the store and outputs let events gather before taking them in one batch (0: at once). */
  linger_ms: z.number().int().min(0).max(1000).default(10),
});

export const CowrieJsonOutputSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** JSON-lines file; relative paths are inside data_dir. Rotated files get a .YYYY-MM-DD suffix. */
  path: z.string().min(1).default('logs/cowrie.json'),
  rotate: z.enum(['daily', 'none']).default('daily'),
});

export const OutputsConfigSchema = z.strictObject({
  cowrie_json: CowrieJsonOutputSchema.prefault({}),
});

export const SshConfigSchema = z.strictObject({
  ...sensorCommon,
  port: port.default(2222),
  /** Persona file name under personas/ssh (without .yaml). */
  persona: z.string().regex(/^[a-z0-9._-]+$/).default('openssh-9.2p1-debian-12'),
  /** Hostname shown in the prompt; unset: the instance identity's (instance.json). */
  hostname: z.string().regex(/^[a-z0-9-]{1,63}$/, 'a lowercase host name label').optional(),
  /** OpenSSH MaxAuthTries. */
  max_auth_tries: z.number().int().min(1).max(100).default(6),
  /** Also advertise keyboard-interactive (a host with KbdInteractiveAuthentication yes). */
  keyboard_interactive: z.boolean().default(false),
  /** OpenSSH LoginGraceTime. */
  login_grace_time_s: seconds(120, 3600),
  /** Pause before a wrong password is answered: pam_unix's 2 s, which PAM varies from half to 1.5 times. */
  auth_fail_delay_ms: z.number().int().min(0).max(60_000).default(2000),
});

/** One userdb rule, as in Cowrie's userdb.txt: a glob or /regex/ on each side; a password starting with ! denies. */
export const UserRuleSchema = z.strictObject({
  username: z.string().min(1),
  password: z.string().min(1),
});

export const AuthConfigSchema = z.strictObject({
  /** First matching rule decides; no match means the login fails. */
  users: z.array(UserRuleSchema).max(10_000).default([
    { username: 'root', password: '!root' },
    { username: 'root', password: '!toor' },
    { username: 'root', password: '/^(123456|12345678|123456789|password|admin|1qaz2wsx|qwerty|P@ssw0rd|root123|Passw0rd)$/' },
    { username: 'admin', password: 'admin' },
    { username: 'admin', password: 'admin123' },
    { username: 'ubuntu', password: 'ubuntu' },
    { username: 'pi', password: 'raspberry' },
    { username: 'oracle', password: 'oracle' },
    { username: 'test', password: 'test*' },
  ]),
});

/** Sections that are TCP sensors; each needs its own (host, port). */
export const SENSOR_SECTIONS = ['ssh', 'http', 'https', 'ftp', 'smtp', 'mysql', 'redis', 'telnet'] as const;

export const ConfigSchema = z
  .strictObject({
    general: GeneralConfigSchema.prefault({}),
    store: StoreConfigSchema.prefault({}),
    bus: BusConfigSchema.prefault({}),
    outputs: OutputsConfigSchema.prefault({}),
    auth: AuthConfigSchema.prefault({}),
    shell: ShellConfigSchema.prefault({}),
    ssh: SshConfigSchema.prefault({}),
    http: HttpConfigSchema.prefault({}),
    https: HttpsConfigSchema.prefault({}),
    ftp: FtpConfigSchema.prefault({}),
    smtp: SmtpConfigSchema.prefault({}),
    mysql: MysqlConfigSchema.prefault({}),
    redis: RedisConfigSchema.prefault({}),
    telnet: TelnetConfigSchema.prefault({}),
  })
  .superRefine((cfg, ctx) => {
    for (const p of crossFieldProblems(cfg)) ctx.addIssue({ code: 'custom', path: p.path, message: p.message });
  });

export interface CrossFieldProblem {
  path: (string | number)[];
  message: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The rules no single field can check: one (host, port) per enabled sensor, and userdb regexes that compile.
 * Takes loosely typed data because the loader also runs it on a partially valid file (zod skips an object's
 * refinements once a field inside failed): a section or field that is not the right type is simply left out.
 * `sensorSections` is a parameter so tests can check two sensors before a second one exists.
 */
export function crossFieldProblems(cfg: { readonly [section: string]: unknown }, sensorSections: readonly string[] = SENSOR_SECTIONS): CrossFieldProblem[] {
  const problems: CrossFieldProblem[] = [];
  const seen = new Map<string, string>();
  for (const name of sensorSections) {
    const s = cfg[name];
    if (!isRecord(s) || typeof s.enabled !== 'boolean' || typeof s.host !== 'string' || typeof s.port !== 'number') continue;
    if (!s.enabled || s.port === 0) continue;
    const key = `${s.host}:${s.port}`;
    const wildcard = `*:${s.port}`;
    const other = seen.get(key) ?? seen.get(wildcard) ?? (s.host === '0.0.0.0' ? [...seen.entries()].find(([k]) => k.endsWith(`:${s.port}`))?.[1] : undefined);
    if (other) {
      problems.push({ path: [name, 'port'], message: `port ${s.port} is already used by sensor ${other}` });
    }
    seen.set(key, name);
    if (s.host === '0.0.0.0') seen.set(wildcard, name);
  }
  const auth = cfg.auth;
  const users = isRecord(auth) && Array.isArray(auth.users) ? (auth.users as unknown[]) : [];
  for (const [i, rule] of users.entries()) {
    if (!isRecord(rule)) continue;
    for (const side of ['username', 'password'] as const) {
      const raw = rule[side];
      if (typeof raw !== 'string') continue;
      const v = raw.replace(/^!/, '');
      if (v.length > 2 && v.startsWith('/') && v.endsWith('/')) {
        try {
          new RegExp(v.slice(1, -1));
        } catch (e) {
          problems.push({ path: ['auth', 'users', i, side], message: `not a valid regular expression: ${(e as Error).message}` });
        }
      }
    }
  }
  return problems;
}

export type Config = z.infer<typeof ConfigSchema>;
export type SshConfig = Config['ssh'];
export type UserRule = z.infer<typeof UserRuleSchema>;
