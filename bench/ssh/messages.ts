// The IPC messages between bench/ssh.ts and its two children: the client driver and the PhantomNet server.

export interface Target {
  port: number;
  username: string;
  password: string;
}

/** Orchestrator → client driver. */
export type ClientRequest =
  | { type: 'throughput'; target: Target; concurrency: number; durationMs: number; command: string }
  | { type: 'hold'; target: Target; count: number; concurrency: number; command: string }
  | { type: 'release' }
  | { type: 'exit' };

export interface ThroughputResult {
  type: 'throughput';
  sessions: number;
  errors: number;
  firstError?: string;
  elapsedMs: number;
  p50Ms: number;
  p99Ms: number;
  /** The driver's own CPU over the run: near elapsedMs means the client, not the server, was the limit. */
  clientCpuMs: number;
}

export interface HoldResult {
  type: 'hold';
  /** Sessions held now, all of them (earlier hold requests included). */
  held: number;
  failed: number;
  firstError?: string;
}

export type ClientReply = ThroughputResult | HoldResult | { type: 'released' } | { type: 'error'; message: string };

/** Orchestrator → PhantomNet server. */
export type ServerRequest = { type: 'stats' } | { type: 'snapshot'; file: string } | { type: 'stop' };

export interface ServerStats {
  type: 'stats';
  rssKiB: number;
  heapUsedKiB: number;
  externalKiB: number;
  activeSessions: number;
}

export type ServerReply = { type: 'ready'; port: number } | ServerStats | { type: 'snapshot'; file: string } | { type: 'stopped' };
