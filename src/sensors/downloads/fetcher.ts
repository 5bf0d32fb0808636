// The guarded fetcher: resolves a URL's host once, refuses unless EVERY address is allowed, connects to the
// checked address itself (no second lookup for a rebinding DNS to answer), re-checks each redirect hop, and
// enforces the per-session and per-destination budgets, the size cap and one deadline for the whole fetch.
import { lookup } from 'node:dns/promises';
import type { z } from 'zod';
import type { DownloadsConfigSchema } from '../../schema/config/shell.js';
import { AddressPolicy } from './address-guard.js';
import { parseIp } from './ip-address.js';
import { httpGet, isRedirect } from './http-get.js';
import { DestinationRateLimiter, SessionQuota } from './rate-limits.js';
import type { Downloads, FetchHop, FetchOutcome, FetchRequest } from './types.js';

export type DownloadsConfig = z.infer<typeof DownloadsConfigSchema>;

/** Host name to addresses; node:dns by default, a table in tests. */
export type Resolver = (host: string) => Promise<string[]>;

/** Redirects followed at most (wget's own limit is 20, curl -L's 50: ours is lower on purpose). */
export const MAX_REDIRECTS = 5;
/** Addresses of one name tried at most before the fetch counts as failed to connect. */
const MAX_ADDRESSES_TRIED = 4;

const systemResolver: Resolver = async (host) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

class Deadline {
  readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private fire: () => void = () => {};
  /** Settles (never rejects) when time is up, for racing steps that take no signal (DNS). */
  readonly expired = new Promise<'timeout'>((resolve) => (this.fire = () => resolve('timeout')));

  constructor(ms: number) {
    this.timer = setTimeout(() => {
      this.controller.abort();
      this.fire();
    }, ms);
  }

  clear(): void {
    clearTimeout(this.timer);
  }
}

export class DownloadService {
  private readonly policy: AddressPolicy;
  private readonly destinations: DestinationRateLimiter;
  private readonly resolve: Resolver;

  constructor(
    private readonly config: DownloadsConfig,
    deps: { resolve?: Resolver; now?: () => number } = {},
  ) {
    this.policy = new AddressPolicy(config.allow_cidrs);
    this.destinations = new DestinationRateLimiter(config.max_per_destination_per_minute, deps.now);
    this.resolve = deps.resolve ?? systemResolver;
  }

  /** One session's capability, with its own fetch budget. */
  forSession(): Downloads {
    const quota = new SessionQuota(this.config.max_per_session);
    return { enabled: this.config.fetch, fetch: (req) => this.fetch(req, quota) };
  }

  private async fetch(req: FetchRequest, quota: SessionQuota): Promise<FetchOutcome> {
    const hops: FetchHop[] = [];
    // Commands check `enabled` first; this keeps a slip from ever becoming an outbound connection.
    if (!this.config.fetch) return { ok: false, hops, reason: 'disabled' };
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      return { ok: false, hops, reason: 'unresolved' };
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, hops, reason: 'protocol_unsupported' };
    if (!quota.tryTake()) return { ok: false, hops, reason: 'rate_limited' };
    const deadline = new Deadline(this.config.timeout_s * 1000);
    try {
      for (let redirects = 0; ; redirects++) {
        const outcome = await this.hop(url, req, hops, deadline);
        if (!('next' in outcome)) return outcome;
        if (redirects >= MAX_REDIRECTS) return { ok: false, hops, reason: 'http_error', detail: 'redirects' };
        url = outcome.next;
        if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, hops, reason: 'protocol_unsupported' };
      }
    } finally {
      deadline.clear();
    }
  }

  /** One request: resolve, check, count, connect; a followed redirect gives the next URL. */
  private async hop(url: URL, req: FetchRequest, hops: FetchHop[], deadline: Deadline): Promise<FetchOutcome | { next: URL }> {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
    const literal = parseIp(host) !== undefined;
    const hop: FetchHop = { url: url.href, host, port, literal, addresses: literal ? [host] : [] };
    hops.push(hop);
    if (!literal) {
      const answer = await Promise.race([this.resolve(host).catch(() => [] as string[]), deadline.expired]);
      if (answer === 'timeout') return { ok: false, hops, reason: 'timeout', detail: 'ETIMEDOUT' };
      if (answer.length === 0) return { ok: false, hops, reason: 'unresolved' };
      hop.addresses = answer;
    }
    // One forbidden answer taints the name: a mix of public and private records is a rebinding setup.
    if (!hop.addresses.every((a) => this.policy.permits(a))) return { ok: false, hops, reason: 'refused_address' };
    if (!this.destinations.tryAcquire(host)) return { ok: false, hops, reason: 'rate_limited' };
    let lastError = { code: 'ECONNREFUSED', connected: false, address: '' };
    for (const address of hop.addresses.slice(0, MAX_ADDRESSES_TRIED)) {
      const res = await httpGet({ url, address, port, headers: req.headers, insecure: req.insecure, maxBytes: this.config.max_bytes, skipRedirectBody: req.followRedirects, signal: deadline.controller.signal });
      if (res.kind === 'error') {
        lastError = { ...res, address };
        if (res.connected || deadline.controller.signal.aborted) break;
        continue;
      }
      hop.connectedTo = address;
      hop.status = res.status;
      hop.statusText = res.statusText;
      const location = res.headers.location;
      if (location !== undefined) hop.location = location;
      if (req.followRedirects && isRedirect(res.status) && location !== undefined) {
        try {
          return { next: new URL(location, url) };
        } catch {
          return { ok: false, hops, reason: 'http_error', detail: 'location' };
        }
      }
      const length = Number(res.headers['content-length']);
      return {
        ok: true,
        hops,
        status: res.status,
        statusText: res.statusText,
        ...(res.headers['content-type'] !== undefined ? { contentType: res.headers['content-type'] } : {}),
        ...(Number.isSafeInteger(length) && length >= 0 ? { contentLength: length } : {}),
        body: res.body,
        truncated: res.truncated,
      };
    }
    if (lastError.connected) hop.connectedTo = lastError.address;
    const timedOut = deadline.controller.signal.aborted;
    return { ok: false, hops, reason: timedOut ? 'timeout' : 'connect_failed', detail: timedOut ? 'ETIMEDOUT' : lastError.code, afterConnect: lastError.connected };
  }
}
