// One Redis connection as the command handlers see it: its identity, database and what it may call back.
import type { RedisPersona } from '../../schema/personas/redis.js';
import type { Instance, InfoStats } from './info.js';
import type { SourceState } from './keyspace.js';

export interface ClientInfo {
  id: number;
  addr: string;
  laddr: string;
  name: string;
  db: number;
  createdAt: number;
  lastActive: number;
  lastCmd: string;
}

export interface CommandContext {
  client: ClientInfo;
  state: SourceState;
  persona: RedisPersona;
  instance: Instance;
  stats: InfoStats;
  now: number;
  /** Clients of the same source address (never another attacker's). */
  peers(): ClientInfo[];
  login(ok: boolean, username: string, password: string): void;
  /** SAVE/BGSAVE "wrote" `content` to `path` (dir + dbfilename): kept as an artifact, never written there. */
  saved(path: string, content: Buffer): void;
}

/** A config value as this source sees it: its own CONFIG SET first, then the persona. */
export function configValue(ctx: Pick<CommandContext, 'state' | 'persona'>, name: string): string {
  return ctx.state.config.get(name) ?? ctx.persona.config[name] ?? '';
}
