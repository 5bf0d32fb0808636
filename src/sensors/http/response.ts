// What the site answers, and how the persona's server frames it: header order and case, Date, Server,
// ETag, keep-alive headers and error pages, as the impersonated server writes them.
import { STATUS_CODES } from 'node:http';
import type { HttpServerPersona } from '../../schema/personas/http.js';

export type ResponseKind = 'static' | 'dynamic' | 'error';

export interface SiteResponse {
  status: number;
  kind: ResponseKind;
  /** Headers besides the framing ones (Date, Server, Content-Length, Connection, Keep-Alive, ETag ...). */
  headers: [string, string][];
  body: Buffer;
}

/** Where the request says it went: the host and port named in error pages. */
export interface RequestTarget {
  host: string;
  port: string;
  method: string;
}

export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{([a-z_]+)\}/g, (m, k: string) => values[k] ?? m);
}

interface HeaderTemplate {
  flat: string[];
  /** Where the Date value and the Keep-Alive value go in `flat` (-1: absent). */
  dateAt: number;
  keepAliveAt: number;
}

export class ServerFraming {
  private readonly lastModified: string;
  private readonly mtimeMs: number;
  private readonly ranks: Record<ResponseKind, Map<string, number>>;
  private dateSecond = -1;
  private dateText = '';
  private readonly keepAliveTemplates = new WeakMap<SiteResponse, HeaderTemplate>();
  private readonly closeTemplates = new WeakMap<SiteResponse, HeaderTemplate>();
  private readonly bodies = new WeakMap<SiteResponse, string>();
  private readonly keepAlivePrefix: string;
  private readonly keepAliveSuffix: string;

  constructor(private readonly persona: HttpServerPersona) {
    this.mtimeMs = Date.parse(persona.files_mtime);
    this.lastModified = new Date(this.mtimeMs).toUTCString();
    const rank = (order: string[]): Map<string, number> => new Map(order.map((name, i) => [name, i]));
    const o = persona.header_order;
    this.ranks = { static: rank(o.static), dynamic: rank(o.dynamic), error: rank(o.error) };
    const [prefix = '', suffix = ''] = fill(persona.keep_alive_header, { max: '\0' }).split('\0');
    this.keepAlivePrefix = prefix;
    this.keepAliveSuffix = suffix;
  }

  get serverToken(): string {
    return this.persona.server;
  }

  /** The reason phrase of the status line for `status`. */
  reason(status: number): string {
    return this.persona.reason_phrases[String(status)] ?? STATUS_CODES[status] ?? 'Unknown';
  }

  get keepAliveMax(): number {
    return this.persona.keep_alive_max;
  }

  /** The persona's page for `status` (falls back to its 404), with the framing of an error response. */
  errorPage(status: number, target: RequestTarget, extra: [string, string][] = []): SiteResponse {
    const template = this.persona.error_pages[String(status)] ?? this.persona.error_pages['404'] ?? '';
    const body = fill(template, { server: this.persona.server, host: escapeHtml(target.host), port: target.port, method: escapeHtml(target.method) });
    return { status, kind: 'error', headers: [...extra, ['Content-Type', this.persona.error_content_type]], body: Buffer.from(body, 'utf8') };
  }

  /** What the server answers to plain HTTP on its TLS port (Apache: a 400 naming the reason). */
  plainHttpOnTlsPage(target: RequestTarget): SiteResponse {
    const body = fill(this.persona.plain_http_on_tls_page, { server: this.persona.server, host: escapeHtml(target.host), port: target.port, method: '' });
    return { status: 400, kind: 'error', headers: [['Content-Type', this.persona.error_content_type]], body: Buffer.from(body, 'utf8') };
  }

  staticFile(body: Buffer | string, contentType: string): SiteResponse {
    return { status: 200, kind: 'static', headers: [['Content-Type', contentType]], body: Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8') };
  }

  /** The full header list, flattened for writeHead, in the persona's order for this kind of response. */
  headers(res: SiteResponse, now: Date, keepAlive: boolean, requestsLeft: number): string[] {
    const t = this.template(res, keepAlive);
    const flat = t.flat.slice();
    flat[t.dateAt] = this.httpDate(now);
    if (t.keepAliveAt >= 0) flat[t.keepAliveAt] = this.keepAlivePrefix + String(requestsLeft) + this.keepAliveSuffix;
    return flat;
  }

  /** The body as one latin1 string (so node writes it with the head in one go), converted once per response. */
  bodyText(res: SiteResponse): string {
    let t = this.bodies.get(res);
    if (t === undefined) {
      t = res.body.toString('latin1');
      if (res.kind === 'static') this.bodies.set(res, t);
    }
    return t;
  }

  /**
   * Header order and values are fixed per response and keep-alive choice; only Date and the Keep-Alive count
   * change per request. Static responses are shared objects, so their templates are built once.
   */
  private template(res: SiteResponse, keepAlive: boolean): HeaderTemplate {
    const cache = keepAlive ? this.keepAliveTemplates : this.closeTemplates;
    const hit = cache.get(res);
    if (hit) return hit;
    const DATE = '\0date';
    const KEEP_ALIVE = '\0keep-alive';
    const all: [string, string][] = [['Date', DATE], ['Server', this.persona.server]];
    if (res.kind === 'static' && res.status === 200) {
      all.push(['Last-Modified', this.lastModified], ['ETag', this.etag(res.body.length)], ['Accept-Ranges', 'bytes']);
      if (this.persona.vary_static) all.push(['Vary', 'Accept-Encoding']);
    }
    all.push(...res.headers, ['Content-Length', String(res.body.length)]);
    if (keepAlive) {
      if (this.persona.keep_alive_header) all.push(['Keep-Alive', KEEP_ALIVE]);
      all.push(['Connection', this.persona.connection_keep_alive]);
    } else {
      all.push(['Connection', 'close']);
    }
    const ranks = this.ranks[res.kind];
    const unlisted = ranks.size;
    // Bucketed by rank: keeps repeated headers (Set-Cookie) and unlisted ones in the order they were set.
    const buckets: string[][] = Array.from({ length: unlisted + 1 }, () => []);
    for (const [name, value] of all) buckets[ranks.get(name) ?? unlisted]!.push(name, value);
    const flat = buckets.flat();
    const t: HeaderTemplate = { flat, dateAt: flat.indexOf(DATE), keepAliveAt: flat.indexOf(KEEP_ALIVE) };
    if (res.kind === 'static') cache.set(res, t);
    return t;
  }

  /** The Date header value, formatted once per second. */
  private httpDate(now: Date): string {
    const second = Math.floor(now.getTime() / 1000);
    if (second !== this.dateSecond) {
      this.dateSecond = second;
      this.dateText = now.toUTCString();
    }
    return this.dateText;
  }

  private etag(size: number): string {
    if (this.persona.etag === 'nginx') return `"${Math.floor(this.mtimeMs / 1000).toString(16)}-${size.toString(16)}"`;
    return `"${size.toString(16)}-${(this.mtimeMs * 1000 + 123_456).toString(16)}"`;
  }
}

const HTML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}
