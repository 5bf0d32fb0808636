// The web site behind the server persona: the pages and apps attackers look for, their login forms and
// upload form, and bait files carrying the instance's honeytokens. Pure request → response; the sensor
// supplies logins and uploads through SiteEffects.
import type { WebAppsPersona } from '../../schema/personas/http.js';
import type { Honeytokens } from './honeytokens.js';
import { multipartBoundary, parseMultipartFiles } from './multipart.js';
import { escapeHtml, fill, type ServerFraming, type SiteResponse } from './response.js';
import { buildZip } from './zip.js';

export interface SiteRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names, as node:http gives them. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: Buffer;
  host: string;
  port: string;
  /** scheme://Host as the client named it, for the absolute links PHP apps write. */
  origin: string;
}

export interface SiteEffects {
  /** Decide a login with the shared policy and record it; true when accepted. */
  login(username: string, password: string, method: 'http-form' | 'http-basic'): boolean;
  /** Store an uploaded file as an artifact and record it. */
  upload(filename: string, data: Buffer, truncated: boolean): void;
}

export interface SiteOptions {
  serverName: string;
  /** The instance's kernel (uname -r and -v), which phpinfo shows as the SSH shell's uname does. */
  kernel: { release: string; version: string };
  mysqlPort: number;
  tokens: Honeytokens;
}

const HTML_UTF8 = 'text/html; charset=UTF-8';
const PHP_NO_CACHE: [string, string][] = [
  ['Expires', 'Wed, 11 Jan 1984 05:00:00 GMT'],
  ['Cache-Control', 'no-cache, must-revalidate, max-age=0, no-store, private'],
];

type Handler = (req: SiteRequest, fx: SiteEffects) => SiteResponse;

export class Site {
  private readonly routes = new Map<string, Handler>();
  private readonly bait: Readonly<Record<string, string>>;
  private readonly backupZip: Buffer;

  constructor(
    private readonly framing: ServerFraming,
    private readonly apps: WebAppsPersona,
    private readonly index: { content_type: string; body: string },
    opts: SiteOptions,
  ) {
    const host = opts.serverName.split('.')[0] ?? opts.serverName;
    this.bait = {
      ...opts.tokens,
      db_port: String(opts.mysqlPort),
      server_name: opts.serverName,
      domain: opts.serverName.split('.').slice(1).join('.') || 'localdomain',
      hostname: host,
      server: framing.serverToken,
      kernel_release: opts.kernel.release,
      kernel_version: opts.kernel.version,
    };
    this.backupZip = buildZip([
      { name: 'backup/db.sql', data: Buffer.from(fill(apps.backup_sql, this.bait)), mtime: new Date('2025-03-02T03:15:02Z') },
      { name: 'backup/.env', data: Buffer.from(fill(apps.env_file, this.bait)), mtime: new Date('2025-03-02T03:15:02Z') },
    ]);
    // Bait files are constant per instance: rendered once.
    const staticText = (content: string | Buffer, type: string): Handler => {
      // One response object per file: the framing caches its headers and body text by identity.
      const page = this.framing.staticFile(Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), type);
      return (req) => (req.method === 'GET' || req.method === 'HEAD' ? page : this.methodNotAllowed(req));
    };
    const home = staticText(this.index.body, this.index.content_type);
    this.routes.set('/', home);
    this.routes.set('/index.html', home);
    this.routes.set('/wp-login.php', (req, fx) => this.wordpressLogin(req, fx));
    this.routes.set('/xmlrpc.php', (req, fx) => this.xmlrpc(req, fx));
    this.routes.set('/wp-admin/', (req) => this.redirect(`${req.origin}/wp-login.php?redirect_to=${encodeURIComponent(req.origin + '/wp-admin/')}&reauth=1`));
    for (const p of ['/phpmyadmin/', '/phpmyadmin/index.php']) this.routes.set(p, (req, fx) => this.phpMyAdmin(req, fx));
    for (const p of ['/admin/', '/admin/index.php', '/admin/login.php']) this.routes.set(p, (req, fx) => this.adminLogin(req, fx));
    this.routes.set('/manager/html', (req, fx) => this.tomcatManager(req, fx));
    this.routes.set('/.env', staticText(fill(apps.env_file, this.bait), 'application/octet-stream'));
    this.routes.set('/.git/config', staticText(fill(apps.git_config, this.bait), 'text/plain'));
    this.routes.set('/backup.zip', staticText(this.backupZip, 'application/zip'));
    for (const p of ['/phpinfo.php', '/info.php']) this.routes.set(p, (req) => this.dynamic(fill(apps.phpinfo, { ...this.bait, host: escapeHtml(req.host) })));
    this.routes.set('/upload.php', (req, fx) => this.uploadPage(req, fx));
    this.routes.set('/product.php', (req) => this.dynamic(fill(apps.product_page, { id: escapeHtml(req.query.get('id') ?? '1') })));
  }

  handle(req: SiteRequest, fx: SiteEffects): SiteResponse {
    if (req.method === 'TRACE') return this.methodNotAllowed(req);
    // Apache's core answers OPTIONS itself, before any handler (nmap's HTTPOptions probe sees this).
    if (req.method === 'OPTIONS') return { status: 200, kind: 'error', headers: [['Allow', 'GET,POST,OPTIONS,HEAD'], ['Content-Type', 'text/html']], body: Buffer.alloc(0) };
    const path = req.path === '/wp-admin' ? '/wp-admin/' : req.path === '/phpmyadmin' ? '/phpmyadmin/' : req.path === '/admin' ? '/admin/' : req.path;
    const route = this.routes.get(path);
    if (route) return route(req, fx);
    // Apache refuses .ht* files and the status page to remote clients; everything else a bot probes is absent.
    if (/^\/(?:.*\/)?\.ht/.test(path) || path === '/server-status') return this.framing.errorPage(403, req);
    return this.framing.errorPage(404, req);
  }

  private dynamic(body: string, status = 200, headers: [string, string][] = []): SiteResponse {
    return { status, kind: 'dynamic', headers: [...headers, ['Vary', 'Accept-Encoding'], ['Content-Type', HTML_UTF8]], body: Buffer.from(body, 'utf8') };
  }

  private redirect(location: string, headers: [string, string][] = []): SiteResponse {
    return { status: 302, kind: 'dynamic', headers: [...PHP_NO_CACHE, ...headers, ['Location', location], ['Content-Type', HTML_UTF8]], body: Buffer.alloc(0) };
  }

  private methodNotAllowed(req: SiteRequest): SiteResponse {
    return this.framing.errorPage(405, req, [['Allow', 'GET,POST,OPTIONS,HEAD']]);
  }

  private wordpressLogin(req: SiteRequest, fx: SiteEffects): SiteResponse {
    const cookies: [string, string][] = [['Set-Cookie', 'wordpress_test_cookie=WP%20Cookie%20check; path=/; HttpOnly'], ['X-Frame-Options', 'SAMEORIGIN']];
    if (req.method !== 'POST') return this.dynamic(fill(this.apps.wp_login_form, { origin: escapeHtml(req.origin), user: '', error: '' }), 200, [...PHP_NO_CACHE, ...cookies]);
    const form = new URLSearchParams(req.body.toString('utf8'));
    const user = form.get('log') ?? '';
    const pass = form.get('pwd') ?? '';
    if (fx.login(user, pass, 'http-form')) {
      return this.redirect(`${req.origin}/wp-admin/`, [['Set-Cookie', `wordpress_logged_in_${this.bait.app_key!.slice(0, 8)}=${encodeURIComponent(user)}; path=/; HttpOnly`]]);
    }
    const error = fill(this.apps.wp_login_error, { user: escapeHtml(user), origin: escapeHtml(req.origin) });
    return this.dynamic(fill(this.apps.wp_login_form, { origin: escapeHtml(req.origin), user: escapeHtml(user), error }), 200, [...PHP_NO_CACHE, ...cookies]);
  }

  private xmlrpc(req: SiteRequest, fx: SiteEffects): SiteResponse {
    if (req.method !== 'POST') {
      return { status: 405, kind: 'dynamic', headers: [['Allow', 'POST'], ['Content-Type', 'text/plain;charset=UTF-8']], body: Buffer.from(this.apps.xmlrpc_get) };
    }
    // wp.getUsersBlogs and friends carry the username and password as the first string parameters.
    const text = req.body.toString('utf8');
    const strings = [...text.matchAll(/<string>([^<]{0,1024})<\/string>/g)].map((m) => unescapeXml(m[1] ?? ''));
    const authMethod = /<methodName>\s*(wp\.\w+|metaWeblog\.\w+|blogger\.\w+)\s*<\/methodName>/.exec(text)?.[1];
    if (authMethod && strings.length >= 2) {
      const [user, pass] = authMethod.startsWith('wp.') || authMethod.startsWith('metaWeblog.') ? [strings[0]!, strings[1]!] : [strings[1] ?? '', strings[2] ?? ''];
      fx.login(user, pass, 'http-form');
    }
    return { status: 200, kind: 'dynamic', headers: [['Vary', 'Accept-Encoding'], ['Content-Type', 'text/xml; charset=UTF-8']], body: Buffer.from(this.apps.xmlrpc_fault) };
  }

  private phpMyAdmin(req: SiteRequest, fx: SiteEffects): SiteResponse {
    const token = this.bait.app_key!.replace(/[^a-zA-Z0-9]/g, '').slice(0, 32);
    const headers: [string, string][] = [...PHP_NO_CACHE, ['Set-Cookie', `phpMyAdmin=${token.slice(0, 26)}; path=/phpmyadmin/; HttpOnly; SameSite=Strict`], ['X-Frame-Options', 'DENY']];
    if (req.method !== 'POST') return this.dynamic(fill(this.apps.pma_login, { user: '', error: '', token }), 200, headers);
    const form = new URLSearchParams(req.body.toString('utf8'));
    const user = form.get('pma_username') ?? '';
    const pass = form.get('pma_password') ?? '';
    if (fx.login(user, pass, 'http-form')) return this.dynamic(fill(this.apps.pma_home, { user: escapeHtml(user) }), 200, headers);
    const error = fill(this.apps.pma_error, { user: escapeHtml(user) });
    return this.dynamic(fill(this.apps.pma_login, { user: escapeHtml(user), error, token }), 200, headers);
  }

  private adminLogin(req: SiteRequest, fx: SiteEffects): SiteResponse {
    if (req.method !== 'POST') return this.dynamic(fill(this.apps.admin_login, { user: '', error: '' }), 200, PHP_NO_CACHE);
    const form = new URLSearchParams(req.body.toString('utf8'));
    const user = form.get('username') ?? form.get('user') ?? '';
    const pass = form.get('password') ?? form.get('pass') ?? '';
    if (fx.login(user, pass, 'http-form')) return this.dynamic(fill(this.apps.admin_home, { user: escapeHtml(user) }), 200, PHP_NO_CACHE);
    return this.dynamic(fill(this.apps.admin_login, { user: escapeHtml(user), error: this.apps.admin_error }), 200, PHP_NO_CACHE);
  }

  private tomcatManager(req: SiteRequest, fx: SiteEffects): SiteResponse {
    const challenge: [string, string][] = [['Cache-Control', 'private'], ['WWW-Authenticate', 'Basic realm="Tomcat Manager Application"']];
    const auth = header(req, 'authorization');
    const m = auth ? /^basic\s+([A-Za-z0-9+/=]{0,4096})\s*$/i.exec(auth) : null;
    if (m) {
      const decoded = Buffer.from(m[1] ?? '', 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const [user, pass] = colon < 0 ? [decoded, ''] : [decoded.slice(0, colon), decoded.slice(colon + 1)];
      if (fx.login(user, pass, 'http-basic')) return this.dynamic(this.apps.tomcat_manager, 200, [['Cache-Control', 'private']]);
    }
    return { status: 401, kind: 'error', headers: [...challenge, ['Content-Type', 'text/html;charset=utf-8']], body: Buffer.from(this.apps.tomcat_401) };
  }

  private uploadPage(req: SiteRequest, fx: SiteEffects): SiteResponse {
    if (req.method !== 'POST') return this.dynamic(this.apps.upload_form);
    const boundary = multipartBoundary(header(req, 'content-type'));
    const files = boundary ? parseMultipartFiles(req.body, boundary) : [];
    for (const f of files) fx.upload(f.filename, f.data, f.truncated);
    const name = files[0]?.filename.split(/[\\/]/).pop() ?? '';
    return this.dynamic(fill(this.apps.upload_done, { filename: escapeHtml(name) }));
  }
}

function header(req: SiteRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function unescapeXml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}
