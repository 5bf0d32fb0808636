// What wget, curl, tftp and ftpget share: the fetch-or-pretend decision, writing into the session's files,
// storing the artifact, the two download events, and the number formats the real tools print.
import type { FetchOutcome, FetchRequest } from '../../downloads/types.js';
import { pseudoAddress } from '../../downloads/pseudo-address.js';
import type { DownloadFailureReason } from '../../downloads/types.js';
import type { CommandContext } from '../command.js';
import { FsError, type FsErrorCode } from '../fs/types.js';
import { normalise } from '../fs/path.js';

/** What a fetch came to, or why none was attempted ("disabled": the operator left fetching off). */
export type Attempt = { fetched: FetchOutcome; ms: number } | { fetched: undefined; reason: 'disabled' };

export async function attemptFetch(ctx: CommandContext, req: FetchRequest): Promise<Attempt> {
  const downloads = ctx.session?.downloads;
  if (!downloads?.enabled) return { fetched: undefined, reason: 'disabled' };
  const start = Date.now();
  const fetched = await downloads.fetch(req);
  return { fetched, ms: Date.now() - start };
}

export function recordFailure(ctx: CommandContext, url: string, reason: DownloadFailureReason): void {
  ctx.session?.emit('session.file_download.failed', { url, reason });
}

/** Stores the content once by SHA-256 and reports the download; `outfile` is an absolute path or "-". */
export function recordDownload(ctx: CommandContext, url: string, outfile: string, body: Buffer, truncated: boolean): void {
  const session = ctx.session;
  if (!session) return;
  const stored = session.saveArtifact(body);
  session.emit('session.file_download', { url, outfile, shasum: stored.shasum, size: body.length, duplicate: stored.duplicate, truncated });
}

/** The address a tool prints for a host it "resolved" when no lookup was made (fetching off). */
export function shownAddresses(host: string, fetched?: FetchOutcome): string[] {
  const hop = fetched?.hops[0];
  if (hop && hop.addresses.length > 0) return hop.addresses;
  return [isLiteral(host) ? host : pseudoAddress(host)];
}

export function isLiteral(host: string): boolean {
  return /^\d+\.\d+\.\d+\.\d+$/.test(host) || host.includes(':');
}

export function absolutePath(ctx: CommandContext, p: string): string {
  return normalise(p.startsWith('/') ? p : `${ctx.cwd}/${p}`);
}

/** Writes through the session's file system when it has one; the errno on failure. */
export function writeOut(ctx: CommandContext, abs: string, data: Buffer): FsErrorCode | undefined {
  if (!ctx.fs) return undefined;
  try {
    ctx.fs.writeFile(abs, data, { mode: 0o644, reported: true });
    return undefined;
  } catch (e) {
    return e instanceof FsError ? e.code : 'EACCES';
  }
}

/** Whether the directory a file would land in exists, checked before connecting as the real tools do. */
export function parentMissing(ctx: CommandContext, abs: string): FsErrorCode | undefined {
  if (!ctx.fs) return undefined;
  const dir = abs.slice(0, abs.lastIndexOf('/')) || '/';
  const st = ctx.fs.stat(dir);
  if (!st) return 'ENOENT';
  return st.kind === 'dir' ? undefined : 'ENOTDIR';
}

export function exists(ctx: CommandContext, abs: string): boolean {
  return ctx.fs?.stat(abs) !== undefined;
}

/** The shell's byte strings are latin1: a body goes to a pipe byte for byte. */
export function asText(body: Buffer): string {
  return body.toString('latin1');
}

/** UTC "YYYY-MM-DD HH:MM:SS", as wget stamps its lines (the emulated host runs on UTC). */
export function stamp(d = new Date()): string {
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

/** The last path segment of a URL, or "" (wget then says index.html; curl -O refuses). */
export function urlBasename(url: URL, keepQuery: boolean): string {
  const path = decodeURIComponent(url.pathname.slice(url.pathname.lastIndexOf('/') + 1));
  return keepQuery && url.search ? `${path}${url.search}` : path;
}

/** Parses a URL as a tool would after adding its default scheme; undefined when it cannot be one. */
export function parseToolUrl(raw: string): URL | undefined {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  try {
    const url = new URL(withScheme);
    return url.hostname ? url : undefined;
  } catch {
    return undefined;
  }
}

export function defaultPort(url: URL): number {
  if (url.port) return Number(url.port);
  return ({ 'https:': 443, 'ftp:': 21, 'tftp:': 69 } as Record<string, number>)[url.protocol] ?? 80;
}

/** The URL's host without IPv6 brackets. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}

/** strerror(3) for the errno names node reports on a failed connect. */
export function connectErrorText(code: string | undefined): string {
  switch (code) {
    case 'ETIMEDOUT':
      return 'Connection timed out';
    case 'EHOSTUNREACH':
      return 'No route to host';
    case 'ENETUNREACH':
      return 'Network is unreachable';
    case 'ECONNRESET':
      return 'Connection reset by peer';
    default:
      return 'Connection refused';
  }
}
