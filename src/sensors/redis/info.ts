// The INFO reply: every section Redis 7.0 prints by default, in its order and field names, filled from
// the persona, this instance's counters and the asking source's own keyspace and replication state.
import type { RedisPersona } from '../../schema/personas/redis.js';
import type { SourceState } from './keyspace.js';

/** Facts fixed when the sensor starts, so INFO is stable across connections like a real process. */
export interface Instance {
  pid: number;
  runId: string;
  replId: string;
  /** Wall-clock ms of the emulated process start (now - uptime base). */
  startedAtMs: number;
  usedMemoryBase: number;
}

export interface InfoStats {
  connectedClients: number;
  connectionsReceived: number;
  commandsProcessed: number;
  netInputBytes: number;
  netOutputBytes: number;
  errorReplies: Map<string, number>;
  rejectedConnections: number;
}

export interface InfoContext {
  persona: RedisPersona;
  instance: Instance;
  stats: InfoStats;
  source: SourceState;
  config: (name: string) => string;
  now: number;
}

const human = (n: number): string => {
  const units = ['B', 'K', 'M', 'G', 'T'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${n}B` : `${v.toFixed(2)}${units[i]}`;
};

type Section = [name: string, lines: string[]];

function sections(c: InfoContext): Section[] {
  const p = c.persona.server;
  const uptime = Math.max(0, Math.floor((c.now - c.instance.startedAtMs) / 1000));
  const s = c.stats;
  const usedMemory = c.instance.usedMemoryBase + s.connectedClients * 22_000;
  const rss = usedMemory * 4 + 1_900_544;
  const keyspace: string[] = [];
  let expired = 0;
  for (const [db, map] of [...c.source.dbs.entries()].sort((a, b) => a[0] - b[0])) {
    const keys = c.source.keys(db, c.now).length;
    if (keys === 0) continue;
    const expires = [...map.values()].filter((e) => e.expiresAt !== undefined).length;
    expired += expires;
    keyspace.push(`db${db}:keys=${keys},expires=${expires},avg_ttl=0`);
  }
  const replica = c.source.replicaOf;
  const replication = replica
    ? [
        'role:slave',
        `master_host:${replica.host}`,
        `master_port:${replica.port}`,
        'master_link_status:down',
        'master_last_io_seconds_ago:-1',
        'master_sync_in_progress:0',
        'slave_read_repl_offset:0',
        'slave_repl_offset:0',
        'master_link_down_since_seconds:-1',
        'slave_priority:100',
        'slave_read_only:1',
        'replica_announced:1',
        'connected_slaves:0',
      ]
    : ['role:master', 'connected_slaves:0'];
  const cpuUser = (uptime * 0.00062).toFixed(6);
  const cpuSys = (uptime * 0.00091).toFixed(6);
  return [
    [
      'Server',
      [
        `redis_version:${p.redis_version}`,
        `redis_git_sha1:${p.redis_git_sha1}`,
        'redis_git_dirty:0',
        `redis_build_id:${p.redis_build_id}`,
        'redis_mode:standalone',
        `os:${p.os}`,
        'arch_bits:64',
        'monotonic_clock:POSIX clock_gettime',
        'multiplexing_api:epoll',
        'atomicvar_api:c11-builtin',
        `gcc_version:${p.gcc_version}`,
        `process_id:${c.instance.pid}`,
        'process_supervised:systemd',
        `run_id:${c.instance.runId}`,
        `tcp_port:${c.config('port')}`,
        `server_time_usec:${c.now * 1000}`,
        `uptime_in_seconds:${uptime}`,
        `uptime_in_days:${Math.floor(uptime / 86400)}`,
        `hz:${c.config('hz')}`,
        `configured_hz:${c.config('hz')}`,
        `lru_clock:${Math.floor(c.now / 1000) % 16_777_216}`,
        `executable:${p.executable}`,
        `config_file:${p.config_file}`,
        'io_threads_active:0',
      ],
    ],
    [
      'Clients',
      [
        `connected_clients:${s.connectedClients}`,
        'cluster_connections:0',
        `maxclients:${c.config('maxclients')}`,
        'client_recent_max_input_buffer:20480',
        'client_recent_max_output_buffer:0',
        'blocked_clients:0',
        'tracking_clients:0',
        'clients_in_timeout_table:0',
      ],
    ],
    [
      'Memory',
      [
        `used_memory:${usedMemory}`,
        `used_memory_human:${human(usedMemory)}`,
        `used_memory_rss:${rss}`,
        `used_memory_rss_human:${human(rss)}`,
        `used_memory_peak:${usedMemory + 41_712}`,
        `used_memory_peak_human:${human(usedMemory + 41_712)}`,
        `used_memory_peak_perc:${((usedMemory / (usedMemory + 41_712)) * 100).toFixed(2)}%`,
        `used_memory_overhead:${usedMemory - 37_000}`,
        'used_memory_startup:862112',
        'used_memory_dataset:37000',
        `used_memory_dataset_perc:${((37_000 / usedMemory) * 100).toFixed(2)}%`,
        `allocator_allocated:${usedMemory + 38_416}`,
        `allocator_active:${usedMemory + 300_544}`,
        `allocator_resident:${usedMemory + 2_932_736}`,
        `total_system_memory:${p.total_system_memory}`,
        `total_system_memory_human:${human(p.total_system_memory)}`,
        'used_memory_lua:31744',
        'used_memory_vm_eval:31744',
        'used_memory_lua_human:31.00K',
        'used_memory_scripts_eval:0',
        'number_of_cached_scripts:0',
        'number_of_functions:0',
        'number_of_libraries:0',
        'used_memory_vm_functions:32768',
        'used_memory_vm_total:64512',
        'used_memory_vm_total_human:63.00K',
        'used_memory_functions:184',
        'used_memory_scripts:184',
        'used_memory_scripts_human:184B',
        `maxmemory:${c.config('maxmemory')}`,
        `maxmemory_human:${human(Number(c.config('maxmemory')) || 0)}`,
        `maxmemory_policy:${c.config('maxmemory-policy')}`,
        'allocator_frag_ratio:1.27',
        'allocator_frag_bytes:262128',
        'allocator_rss_ratio:2.26',
        'allocator_rss_bytes:2632192',
        'rss_overhead_ratio:0.36',
        'rss_overhead_bytes:-1071104',
        `mem_fragmentation_ratio:${(rss / usedMemory).toFixed(2)}`,
        `mem_fragmentation_bytes:${rss - usedMemory}`,
        'mem_not_counted_for_evict:0',
        'mem_replication_backlog:0',
        'mem_total_replication_buffers:0',
        'mem_clients_slaves:0',
        `mem_clients_normal:${s.connectedClients * 22_400}`,
        'mem_cluster_links:0',
        'mem_aof_buffer:0',
        `mem_allocator:${p.mem_allocator}`,
        'active_defrag_running:0',
        'lazyfree_pending_objects:0',
        'lazyfreed_objects:0',
      ],
    ],
    [
      'Persistence',
      [
        'loading:0',
        'async_loading:0',
        'current_cow_peak:0',
        'current_cow_size:0',
        'current_cow_size_age:0',
        'current_fork_perc:0.00',
        'current_save_keys_processed:0',
        'current_save_keys_total:0',
        `rdb_changes_since_last_save:${c.source.dirty}`,
        'rdb_bgsave_in_progress:0',
        `rdb_last_save_time:${c.source.lastSave}`,
        'rdb_last_bgsave_status:ok',
        'rdb_last_bgsave_time_sec:0',
        'rdb_current_bgsave_time_sec:-1',
        `rdb_saves:${Math.floor(uptime / 3600)}`,
        'rdb_last_cow_size:454656',
        'rdb_last_load_keys_expired:0',
        'rdb_last_load_keys_loaded:0',
        `aof_enabled:${c.config('appendonly') === 'yes' ? 1 : 0}`,
        'aof_rewrite_in_progress:0',
        'aof_rewrite_scheduled:0',
        'aof_last_rewrite_time_sec:-1',
        'aof_current_rewrite_time_sec:-1',
        'aof_last_bgrewrite_status:ok',
        'aof_rewrites:0',
        'aof_rewrites_consecutive_failures:0',
        'aof_last_write_status:ok',
        'aof_last_cow_size:0',
        'module_fork_in_progress:0',
        'module_fork_last_cow_size:0',
      ],
    ],
    [
      'Stats',
      [
        `total_connections_received:${s.connectionsReceived}`,
        `total_commands_processed:${s.commandsProcessed}`,
        'instantaneous_ops_per_sec:0',
        `total_net_input_bytes:${s.netInputBytes}`,
        `total_net_output_bytes:${s.netOutputBytes}`,
        'total_net_repl_input_bytes:0',
        'total_net_repl_output_bytes:0',
        'instantaneous_input_kbps:0.00',
        'instantaneous_output_kbps:0.00',
        'instantaneous_input_repl_kbps:0.00',
        'instantaneous_output_repl_kbps:0.00',
        `rejected_connections:${s.rejectedConnections}`,
        'sync_full:0',
        'sync_partial_ok:0',
        'sync_partial_err:0',
        `expired_keys:${expired}`,
        'expired_stale_perc:0.00',
        'expired_time_cap_reached_count:0',
        `expire_cycle_cpu_milliseconds:${Math.floor(uptime / 29)}`,
        'evicted_keys:0',
        'evicted_clients:0',
        'total_eviction_exceeded_time:0',
        'current_eviction_exceeded_time:0',
        'keyspace_hits:0',
        'keyspace_misses:0',
        'pubsub_channels:0',
        'pubsub_patterns:0',
        'pubsubshard_channels:0',
        'latest_fork_usec:312',
        `total_forks:${Math.floor(uptime / 3600)}`,
        'migrate_cached_sockets:0',
        'slave_expires_tracked_keys:0',
        'active_defrag_hits:0',
        'active_defrag_misses:0',
        'active_defrag_key_hits:0',
        'active_defrag_key_misses:0',
        'total_active_defrag_time:0',
        'current_active_defrag_time:0',
        'tracking_total_keys:0',
        'tracking_total_items:0',
        'tracking_total_prefixes:0',
        'unexpected_error_replies:0',
        `total_error_replies:${[...s.errorReplies.values()].reduce((a, b) => a + b, 0)}`,
        'dump_payload_sanitizations:0',
        `total_reads_processed:${s.commandsProcessed + s.connectionsReceived}`,
        `total_writes_processed:${s.commandsProcessed}`,
        'io_threaded_reads_processed:0',
        'io_threaded_writes_processed:0',
        'reply_buffer_shrinks:0',
        'reply_buffer_expands:0',
      ],
    ],
    [
      'Replication',
      [
        ...replication,
        'master_failover_state:no-failover',
        `master_replid:${c.instance.replId}`,
        'master_replid2:0000000000000000000000000000000000000000',
        'master_repl_offset:0',
        'second_repl_offset:-1',
        'repl_backlog_active:0',
        `repl_backlog_size:${c.config('repl-backlog-size')}`,
        'repl_backlog_first_byte_offset:0',
        'repl_backlog_histlen:0',
      ],
    ],
    [
      'CPU',
      [
        `used_cpu_sys:${cpuSys}`,
        `used_cpu_user:${cpuUser}`,
        'used_cpu_sys_children:0.004218',
        'used_cpu_user_children:0.001406',
        `used_cpu_sys_main_thread:${cpuSys}`,
        `used_cpu_user_main_thread:${cpuUser}`,
      ],
    ],
    ['Modules', []],
    ['Errorstats', [...s.errorReplies.entries()].map(([prefix, n]) => `errorstat_${prefix}:count=${n}`)],
    ['Cluster', ['cluster_enabled:0']],
    ['Keyspace', keyspace],
  ];
}

/** Sections named by INFO's arguments, as Redis 7 selects them: none, "default", "all"/"everything", or names. */
export function infoText(c: InfoContext, args: string[]): string {
  const all = sections(c);
  const wanted = args.map((a) => a.toLowerCase());
  const every = wanted.length === 0 || wanted.some((w) => w === 'default' || w === 'all' || w === 'everything');
  const chosen = every ? all : all.filter(([name]) => wanted.includes(name.toLowerCase()));
  return chosen.map(([name, lines]) => `# ${name}\r\n${lines.map((l) => `${l}\r\n`).join('')}`).join('\r\n');
}
