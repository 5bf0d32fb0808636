// wget (GNU Wget 1.21.3 on Debian 12): fetches through the sensor's guarded fetcher when the operator allows
// it, else prints what wget prints when the connection is refused. Either way the URL is recorded.
import type { FetchHop, FetchOutcome } from '../../downloads/types.js';
import type { Command, CommandContext } from '../command.js';
import { STRERROR } from '../fs/types.js';
import {
  absolutePath,
  asText,
  attemptFetch,
  connectErrorText,
  defaultPort,
  exists,
  hostOf,
  isLiteral,
  parentMissing,
  parseToolUrl,
  recordDownload,
  recordFailure,
  shownAddresses,
  stamp,
  urlBasename,
  writeOut,
} from './download-support.js';
import { barEnd, barStart, dotProgress, humanLength, rate } from './wget-progress.js';

const USAGE = "Usage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n";
const TLS_ERRORS = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL/;

interface WgetOptions {
  quiet: boolean;
  /** -nv: one line per file, errors still in full. */
  nonVerbose: boolean;
  output?: string;
  prefix?: string;
  insecure: boolean;
  userAgent: string;
  headers: [string, string][];
  urls: string[];
}

/** Options that take a value, short and long. */
const SHORT_WITH_VALUE = new Set(['O', 'P', 'U', 't', 'T', 'o', 'a', 'e', 'i', 'B', 'w', 'l', 'A', 'R', 'D', 'I', 'X', 'Q']);
const SHORT_FLAGS = new Set(['q', 'c', 'N', 'b', 'v', 'r', 'm', 'k', 'K', 'p', 'S', 'x', 'E', 'F', 'H', 'L', 'np', '4', '6', 'd', 'h', 'V']);
const LONG_FLAGS = new Set(['quiet', 'no-check-certificate', 'continue', 'no-verbose', 'verbose', 'no-cache', 'no-clobber', 'timestamping', 'server-response', 'spider', 'recursive', 'mirror', 'no-parent', 'inet4-only', 'inet6-only', 'debug', 'no-dns-cache', 'background', 'force-directories', 'no-directories', 'no-host-directories', 'content-disposition', 'trust-server-names', 'no-proxy', 'no-cookies', 'ignore-length', 'retry-connrefused', 'show-progress', 'no-hsts', 'no-http-keep-alive', 'no-glob', 'passive-ftp', 'no-passive-ftp', 'delete-after', 'page-requisites', 'convert-links', 'adjust-extension', 'keep-session-cookies', 'auth-no-challenge', 'https-only']);
const LONG_WITH_VALUE = new Set(['output-document', 'directory-prefix', 'user-agent', 'tries', 'timeout', 'output-file', 'append-output', 'execute', 'input-file', 'header', 'wait', 'level', 'read-timeout', 'connect-timeout', 'dns-timeout', 'limit-rate', 'http-user', 'http-password', 'user', 'password', 'post-data', 'post-file', 'method', 'body-data', 'referer', 'load-cookies', 'save-cookies', 'ca-certificate', 'certificate', 'private-key', 'bind-address', 'quota', 'accept', 'reject', 'progress', 'secure-protocol', 'restrict-file-names', 'waitretry', 'max-redirect', 'local-encoding', 'remote-encoding']);

type Parsed = WgetOptions | { error: string; status: number };

function parseArgs(args: readonly string[]): Parsed {
  const o: WgetOptions = { quiet: false, nonVerbose: false, insecure: false, userAgent: 'Wget/1.21.3', headers: [], urls: [] };
  const apply = (name: string, value: string | undefined): void => {
    if (name === 'q' || name === 'quiet') o.quiet = true;
    else if (name === 'no-verbose') o.nonVerbose = true;
    else if (name === 'O' || name === 'output-document') o.output = value ?? '';
    else if (name === 'P' || name === 'directory-prefix') o.prefix = value ?? '';
    else if (name === 'U' || name === 'user-agent') o.userAgent = value ?? '';
    else if (name === 'no-check-certificate') o.insecure = true;
    else if (name === 'header' && value !== undefined && value.includes(':')) {
      const i = value.indexOf(':');
      o.headers.push([value.slice(0, i).trim(), value.slice(i + 1).trim()]);
    }
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      o.urls.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq === -1 ? a.slice(2) : a.slice(2, eq);
      if (LONG_FLAGS.has(name)) apply(name, undefined);
      else if (LONG_WITH_VALUE.has(name)) {
        const value = eq === -1 ? args[++i] : a.slice(eq + 1);
        if (value === undefined) return { error: `wget: option '--${name}' requires an argument\n${USAGE}`, status: 2 };
        apply(name, value);
      } else return { error: `wget: unrecognized option '${a}'\n${USAGE}`, status: 2 };
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      if (/^-n[vcdH]+$/.test(a)) {
        if (a.includes('v')) o.nonVerbose = true;
        continue;
      }
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        if (SHORT_WITH_VALUE.has(c)) {
          const value = j + 1 < a.length ? a.slice(j + 1) : args[++i];
          if (value === undefined) return { error: `wget: option requires an argument -- '${c}'\n${USAGE}`, status: 2 };
          apply(c, value);
          break;
        }
        if (!SHORT_FLAGS.has(c)) return { error: `wget: invalid option -- '${c}'\n${USAGE}`, status: 2 };
        apply(c, undefined);
      }
      continue;
    }
    o.urls.push(a);
  }
  return o;
}

/** wget's exit statuses: lower codes win over higher ones, except 0 and 1. */
function worse(a: number, b: number): number {
  if (a === 0 || a === 1) return b === 0 ? a : b;
  if (b === 0 || b === 1) return a;
  return Math.min(a, b);
}

export const wget: Command = {
  name: 'wget',
  paths: ['/usr/bin/wget'],
  async run(ctx) {
    const parsed = parseArgs(ctx.args);
    if ('error' in parsed) {
      ctx.stderr(parsed.error);
      return parsed.status;
    }
    if (parsed.urls.length === 0) {
      ctx.stderr(`wget: missing URL\n${USAGE}`);
      return 1;
    }
    let status = 0;
    for (const raw of parsed.urls) status = worse(status, await fetchOne(ctx, raw, parsed));
    return status;
  },
};

async function fetchOne(ctx: CommandContext, raw: string, o: WgetOptions): Promise<number> {
  const say = (t: string): void => (o.quiet ? undefined : ctx.stderr(t));
  const url = parseToolUrl(raw);
  if (!url) {
    ctx.stderr(`${raw}: Invalid host name.\n`);
    return 1;
  }
  if (!['http:', 'https:', 'ftp:', 'ftps:'].includes(url.protocol)) {
    ctx.stderr(`${raw}: Unsupported scheme ‘${url.protocol.slice(0, -1)}’.\n`);
    return 1;
  }
  const toStdout = o.output === '-';
  const target = toStdout ? '-' : outputPath(ctx, url, o);
  if (o.output !== undefined && !toStdout) {
    const missing = parentMissing(ctx, target);
    if (missing) {
      ctx.stderr(`${o.output}: ${STRERROR[missing]}\n`);
      return 1;
    }
  }
  const shownName = toStdout ? 'STDOUT' : o.output ?? displayName(ctx, target);
  const attempt = await attemptFetch(ctx, {
    url: url.href,
    headers: [['User-Agent', o.userAgent], ['Accept', '*/*'], ['Accept-Encoding', 'identity'], ['Connection', 'Keep-Alive'], ...o.headers],
    followRedirects: true,
    insecure: o.insecure,
  });
  const fetched = attempt.fetched;
  if (!fetched || !fetched.ok) {
    const reason = fetched ? fetched.reason : 'disabled';
    recordFailure(ctx, raw, reason);
    say(failureText(url, fetched));
    return fetched?.reason === 'http_error' ? 8 : fetched?.reason === 'connect_failed' && TLS_ERRORS.test(fetched.detail ?? '') ? 5 : 4;
  }
  const chatty = (t: string): void => (o.nonVerbose ? undefined : say(t));
  chatty(hopsText(fetched.hops));
  if (fetched.status >= 400) {
    recordFailure(ctx, raw, 'http_error');
    if (o.nonVerbose) say(`${fetched.hops.at(-1)?.url ?? url.href}:\n`);
    say(`${stamp()} ERROR ${fetched.status}: ${fetched.statusText}.\n\n`);
    return 8;
  }
  const body = fetched.body;
  const seconds = Math.max(attempt.fetched ? attempt.ms : 0, 1) / 1000;
  const type = fetched.contentType ? ` [${fetched.contentType}]` : '';
  const length = fetched.contentLength === undefined ? 'unspecified' : fetched.contentLength >= 1024 ? `${fetched.contentLength} (${humanLength(fetched.contentLength)})` : String(fetched.contentLength);
  chatty(`Length: ${length}${type}\nSaving to: ‘${shownName}’\n\n`);
  const terminal = ctx.tty !== null;
  if (terminal) chatty(barStart(toStdout ? '-' : shownName));
  if (toStdout) ctx.stdout(asText(body));
  else {
    const err = writeOut(ctx, target, body);
    if (err) {
      say(`\n${shownName}: ${STRERROR[err]}\n\nCannot write to ‘${shownName}’ (${STRERROR[err]}).\n`);
      recordDownload(ctx, raw, target, body, fetched.truncated);
      return 3;
    }
  }
  recordDownload(ctx, raw, target, body, fetched.truncated);
  const counts = fetched.contentLength === undefined ? `[${body.length}]` : `[${body.length}/${fetched.contentLength}]`;
  chatty(terminal ? barEnd(toStdout ? '-' : shownName, body.length, seconds) : dotProgress(body.length, fetched.contentLength ?? body.length, seconds));
  if (o.nonVerbose) {
    say(`${stamp()} URL:${fetched.hops.at(-1)?.url ?? url.href} ${counts} -> "${toStdout ? '-' : shownName}" [1]\n`);
    return 0;
  }
  say(`\n${stamp()} (${rate(body.length, seconds)}) - ${toStdout ? 'written to stdout' : `‘${shownName}’ saved`} ${counts}\n\n`);
  return 0;
}

/** Where the file lands: -O as given, else the URL's last segment (index.html) with .1, .2 ... if taken. */
function outputPath(ctx: CommandContext, url: URL, o: WgetOptions): string {
  if (o.output !== undefined) return absolutePath(ctx, o.output);
  const dir = o.prefix ? absolutePath(ctx, o.prefix) : ctx.cwd;
  if (o.prefix && ctx.fs && !ctx.fs.stat(dir)) {
    try {
      ctx.fs.mkdir(dir, { parents: true });
    } catch {
      // Creation fails as on the real system; the write below reports it.
    }
  }
  const base = absolutePath(ctx, `${dir}/${urlBasename(url, true) || 'index.html'}`);
  if (!exists(ctx, base)) return base;
  for (let n = 1; n < 1000; n++) if (!exists(ctx, `${base}.${n}`)) return `${base}.${n}`;
  return base;
}

/** The name wget shows: relative to the working directory, as it was formed. */
function displayName(ctx: CommandContext, abs: string): string {
  const cwd = ctx.cwd.endsWith('/') ? ctx.cwd : `${ctx.cwd}/`;
  return abs.startsWith(cwd) ? abs.slice(cwd.length) : abs;
}

function connectLine(hop: { host: string; port: number; literal: boolean }, ip: string): string {
  return hop.literal ? `Connecting to ${ip.includes(':') ? `[${ip}]` : ip}:${hop.port}... ` : `Connecting to ${hop.host} (${hop.host})|${ip}|:${hop.port}... `;
}

/** Every hop up to a final answer: the lines wget prints before "Length:". */
function hopsText(hops: readonly FetchHop[]): string {
  let out = '';
  hops.forEach((hop, i) => {
    const prev = hops[i - 1];
    out += `--${stamp()}--  ${hop.url}\n`;
    if (prev && prev.host === hop.host && prev.port === hop.port && prev.connectedTo) out += `Reusing existing connection to ${hop.literal ? hop.host : hop.host}:${hop.port}.\n`;
    else {
      if (!hop.literal) out += `Resolving ${hop.host} (${hop.host})... ${hop.addresses.join(', ')}\n`;
      out += `${connectLine(hop, hop.connectedTo ?? hop.addresses[0] ?? hop.host)}connected.\n`;
    }
    out += `HTTP request sent, awaiting response... ${hop.status ?? ''} ${hop.statusText ?? ''}\n`;
    if (hop.location !== undefined && i < hops.length - 1) out += `Location: ${hop.location} [following]\n`;
  });
  return out;
}

/** What wget prints for a fetch that never got an answer; fetching off reads as a refused connection. */
function failureText(url: URL, fetched: FetchOutcome | undefined): string {
  if (!fetched || fetched.hops.length === 0) {
    const host = hostOf(url);
    const literal = isLiteral(host);
    const ip = shownAddresses(host)[0]!;
    const hop = { host, port: defaultPort(url), literal };
    return `--${stamp()}--  ${url.href}\n${literal ? '' : `Resolving ${host} (${host})... ${ip}\n`}${connectLine(hop, ip)}failed: Connection refused.\n`;
  }
  if (fetched.ok) return '';
  const done = fetched.hops.slice(0, -1);
  const last = fetched.hops.at(-1)!;
  let out = done.length > 0 ? hopsText(done) : '';
  out += `--${stamp()}--  ${last.url}\n`;
  if (fetched.reason === 'unresolved') return `${out}Resolving ${last.host} (${last.host})... failed: Name or service not known.\nwget: unable to resolve host address ‘${last.host}’\n`;
  if (fetched.reason === 'http_error' && fetched.detail === 'redirects') return `${hopsText(fetched.hops)}20 redirections exceeded.\n`;
  if (!last.literal && last.addresses.length > 0) out += `Resolving ${last.host} (${last.host})... ${last.addresses.join(', ')}\n`;
  if (fetched.reason === 'connect_failed' || fetched.reason === 'timeout') {
    const why = fetched.reason === 'timeout' ? 'Connection timed out' : connectErrorText(fetched.detail);
    if (fetched.afterConnect) {
      if (TLS_ERRORS.test(fetched.detail ?? '')) return `${out}${connectLine(last, last.connectedTo ?? '')}connected.\nERROR: cannot verify ${last.host}'s certificate:\n  Unable to locally verify the issuer's authority.\nTo connect to ${last.host} insecurely, use \`--no-check-certificate'.\n`;
      return `${out}${connectLine(last, last.connectedTo ?? '')}connected.\nHTTP request sent, awaiting response... Read error (${why}) in headers.\nGiving up.\n\n`;
    }
    for (const ip of last.addresses.slice(0, 4)) out += `${connectLine(last, ip)}failed: ${why}.\n`;
    return out;
  }
  // Refused by policy, over a budget, or a scheme the sensor does not fetch: a refused connection.
  return `${out}${connectLine(last, last.addresses[0] ?? shownAddresses(last.host)[0]!)}failed: Connection refused.\n`;
}
