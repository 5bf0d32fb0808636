// Configuration of the emulated shell shared by the SSH and Telnet sensors: file system, downloads, recordings.
import { z } from 'zod';

export const ShellFsConfigSchema = z.strictObject({
  /** Bytes one source address may add to its copy-on-write layer; writes past it get ENOSPC. */
  max_bytes_per_source: z.number().int().min(4096).max(1_073_741_824).default(16 * 1024 * 1024),
  /** Files and directories one source address may create. */
  max_entries_per_source: z.number().int().min(16).max(1_000_000).default(4096),
  /** Source layers kept in memory; the least recently used is written to disk and dropped. */
  max_sources_in_memory: z.number().int().min(1).max(100_000).default(512),
});

export const DownloadsConfigSchema = z.strictObject({
  /** Fetch what wget/curl/tftp/ftpget ask for. Off: no outbound connection, the URL is recorded. */
  fetch: z.boolean().default(false),
  /** Largest file fetched; the rest is cut and the download flagged truncated. */
  max_bytes: z.number().int().min(1024).max(1_073_741_824).default(32 * 1024 * 1024),
  /** Longest one fetch may take, connect to last byte. */
  timeout_s: z.number().int().min(1).max(3600).default(60),
  /** Fetches one session may make. */
  max_per_session: z.number().int().min(1).max(10_000).default(20),
  /** Fetches to one destination host per minute, over all sessions. */
  max_per_destination_per_minute: z.number().int().min(1).max(10_000).default(10),
  /** CIDR blocks fetches may reach although they are private or reserved (a lab network); empty: none. */
  allow_cidrs: z
    .array(z.string().refine((s) => z.cidrv4().safeParse(s).success || z.cidrv6().safeParse(s).success, { message: 'must be a CIDR block such as 192.168.56.0/24 or fd00::/64' }))
    .max(1000)
    .default([]),
});

export const RecordingConfigSchema = z.strictObject({
  /** Write every interactive session as an asciinema v2 cast under data_dir/casts. */
  enabled: z.boolean().default(true),
  /** Largest cast file; frames past it are dropped and the cast says so. */
  max_bytes: z.number().int().min(4096).max(1_073_741_824).default(8 * 1024 * 1024),
});

export const ShellConfigSchema = z.strictObject({
  fs: ShellFsConfigSchema.prefault({}),
  downloads: DownloadsConfigSchema.prefault({}),
  recording: RecordingConfigSchema.prefault({}),
  /** Mean pause before an interactive command's output (a real fork and exec); it varies from half to 1.5 times this. 0: none. */
  command_latency_ms: z.number().int().min(0).max(10_000).default(5),
});
