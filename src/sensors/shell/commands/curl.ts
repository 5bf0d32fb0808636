// curl (7.88.1 on Debian 12): fetches through the sensor's guarded fetcher when the operator allows it, else
// fails as curl does against a refused connection. Either way the URL is recorded.
import type { FetchOutcome } from '../../downloads/types.js';
import type { Command, CommandContext } from '../command.js';
import { STRERROR } from '../fs/types.js';
import { curlFailure } from './curl-errors.js';
import { doneRow, METER_HEAD, ZERO_ROW } from './curl-meter.js';
import { absolutePath, asText, attemptFetch, parentMissing, parseToolUrl, recordDownload, recordFailure, urlBasename, writeOut } from './download-support.js';

const TRY = "curl: try 'curl --help' or 'curl --manual' for more information\n";

interface CurlOptions {
  silent: boolean;
  showError: boolean;
  fail: boolean;
  location: boolean;
  insecure: boolean;
  userAgent: string;
  headers: [string, string][];
  /** Per URL, in order: a file name, "remote" for -O, or nothing for stdout. */
  outputs: (string | { remote: true })[];
  urls: string[];
}

const FLAGS: Record<string, keyof CurlOptions | 'remote' | 'ignore'> = {
  s: 'silent', silent: 'silent', S: 'showError', 'show-error': 'showError', f: 'fail', fail: 'fail', L: 'location', location: 'location',
  k: 'insecure', insecure: 'insecure', O: 'remote', 'remote-name': 'remote', v: 'ignore', verbose: 'ignore', q: 'ignore', I: 'ignore', head: 'ignore',
  '#': 'ignore', 'progress-bar': 'ignore', '4': 'ignore', '6': 'ignore', compressed: 'ignore', 'create-dirs': 'ignore', g: 'ignore', globoff: 'ignore',
  i: 'ignore', include: 'ignore', N: 'ignore', 'no-buffer': 'ignore', n: 'ignore', j: 'ignore', l: 'ignore', 'fail-with-body': 'fail', 'remote-name-all': 'remote', 'ssl-no-revoke': 'ignore', 'http1.1': 'ignore', 'tlsv1.2': 'ignore',
};
const WITH_VALUE = new Set(['o', 'output', 'A', 'user-agent', 'H', 'header', 'm', 'max-time', 'connect-timeout', 'X', 'request', 'd', 'data', 'data-binary', 'data-raw', 'e', 'referer', 'u', 'user', 'x', 'proxy', 'w', 'write-out', 'b', 'cookie', 'c', 'cookie-jar', 'retry', 'retry-delay', 'r', 'range', 'T', 'upload-file', 'F', 'form', 'C', 'continue-at', 'z', 'time-cond', 'Y', 'y', 'K', 'config', 'cacert', 'cert', 'key', 'interface', 'resolve', 'max-filesize', 'limit-rate', 'url', 'E', 'D', 'dump-header', 'P', 'Q', 'quote', 't', 'max-redirs']);

type Parsed = CurlOptions | { error: string; status: number };

function parseArgs(args: readonly string[]): Parsed {
  const o: CurlOptions = { silent: false, showError: false, fail: false, location: false, insecure: false, userAgent: 'curl/7.88.1', headers: [], outputs: [], urls: [] };
  const apply = (name: string, value: string | undefined): Parsed | undefined => {
    const flag = FLAGS[name];
    if (flag === 'remote') o.outputs.push({ remote: true });
    else if (flag !== undefined && flag !== 'ignore') (o as unknown as Record<string, boolean>)[flag] = true;
    else if (name === 'o' || name === 'output') o.outputs.push(value ?? '');
    else if (name === 'A' || name === 'user-agent') o.userAgent = value ?? '';
    else if (name === 'url' && value !== undefined) o.urls.push(value);
    else if ((name === 'H' || name === 'header') && value?.includes(':')) {
      const i = value.indexOf(':');
      o.headers.push([value.slice(0, i).trim(), value.slice(i + 1).trim()]);
    }
    return undefined;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('--') && a.length > 2) {
      const name = a.slice(2);
      if (WITH_VALUE.has(name)) {
        const value = args[++i];
        if (value === undefined) return { error: `curl: option ${a}: requires parameter\n${TRY}`, status: 2 };
        apply(name, value);
      } else if (name in FLAGS) apply(name, undefined);
      else return { error: `curl: option ${a}: is unknown\n${TRY}`, status: 2 };
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        if (WITH_VALUE.has(c)) {
          const value = j + 1 < a.length ? a.slice(j + 1) : args[++i];
          if (value === undefined) return { error: `curl: option -${c}: requires parameter\n${TRY}`, status: 2 };
          apply(c, value);
          break;
        }
        if (!(c in FLAGS)) return { error: `curl: option -${c}: is unknown\n${TRY}`, status: 2 };
        apply(c, undefined);
      }
      continue;
    }
    o.urls.push(a);
  }
  return o;
}

export const curl: Command = {
  name: 'curl',
  paths: ['/usr/bin/curl'],
  async run(ctx) {
    const parsed = parseArgs(ctx.args);
    if ('error' in parsed) {
      ctx.stderr(parsed.error);
      return parsed.status;
    }
    if (parsed.urls.length === 0) {
      ctx.stderr(TRY);
      return 2;
    }
    let status = 0;
    for (const [i, raw] of parsed.urls.entries()) {
      const s = await fetchOne(ctx, raw, parsed.outputs[i], parsed);
      if (s !== 0) status = s;
    }
    return status;
  },
};

async function fetchOne(ctx: CommandContext, raw: string, output: CurlOptions['outputs'][number] | undefined, o: CurlOptions): Promise<number> {
  const showErrors = !o.silent || o.showError;
  const error = (t: string): void => (showErrors ? ctx.stderr(t) : undefined);
  const url = parseToolUrl(raw);
  if (!url) {
    error('curl: (3) URL using bad/illegal format or missing URL\n');
    return 3;
  }
  let target: string | undefined;
  if (output !== undefined && typeof output === 'object') {
    const name = urlBasename(url, false);
    if (!name) {
      error('curl: Remote file name has no length!\ncurl: (23) Failed writing received data to disk/application\n');
      return 23;
    }
    target = absolutePath(ctx, name);
  } else if (output !== undefined && output !== '-') target = absolutePath(ctx, output);
  // The meter shows whenever the body is not going to the terminal itself.
  const meter = !o.silent && (target !== undefined || ctx.stdoutIsTerminal !== true);
  const attempt = await attemptFetch(ctx, {
    url: url.href,
    headers: [['User-Agent', o.userAgent], ['Accept', '*/*'], ...o.headers],
    followRedirects: o.location,
    insecure: o.insecure,
  });
  const fetched: FetchOutcome | undefined = attempt.fetched;
  if (meter) ctx.stderr(METER_HEAD + ZERO_ROW);
  if (!fetched || !fetched.ok) {
    const reason = fetched ? fetched.reason : 'disabled';
    recordFailure(ctx, raw, reason);
    const f = curlFailure(url, fetched, attempt.fetched ? attempt.ms : undefined);
    if (meter) ctx.stderr(f.status === 6 ? '' : `${ZERO_ROW}\n`);
    error(f.text);
    return f.status;
  }
  if (o.fail && fetched.status >= 400) {
    recordFailure(ctx, raw, 'http_error');
    if (meter) ctx.stderr(`${ZERO_ROW}\n`);
    error(`curl: (22) The requested URL returned error: ${fetched.status}\n`);
    return 22;
  }
  const body = fetched.body;
  const ms = attempt.fetched ? attempt.ms : 0;
  if (target === undefined) {
    if (ctx.stdoutIsTerminal === true && body.includes(0)) {
      recordDownload(ctx, raw, '-', body, fetched.truncated);
      ctx.stderr('Warning: Binary output can mess up your terminal. Use "--output -" to tell \nWarning: curl to output it to your terminal anyway, or consider "--output \nWarning: <FILE>" to save to a file.\n');
      return 23;
    }
    ctx.stdout(asText(body));
    recordDownload(ctx, raw, '-', body, fetched.truncated);
    if (meter) ctx.stderr(`${doneRow(body.length, ms)}\n`);
    return 0;
  }
  recordDownload(ctx, raw, target, body, fetched.truncated);
  const err = parentMissing(ctx, target) ?? writeOut(ctx, target, body);
  if (err) {
    const shown = typeof output === 'string' ? output : urlBasename(url, false);
    error(`Warning: Failed to open the file ${shown}: ${STRERROR[err]}\n`);
    if (meter) ctx.stderr(`${doneRow(body.length, ms)}\n`);
    error('curl: (23) Failure writing output to destination\n');
    return 23;
  }
  if (meter) ctx.stderr(`${doneRow(body.length, ms)}\n`);
  return 0;
}
