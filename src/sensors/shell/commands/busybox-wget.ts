// BusyBox 1.35's wget applet (`busybox wget`, and plain wget on BusyBox devices): its terse lines, its
// refusal to overwrite a file, and exit status 1 for every failure. Same guarded fetch as GNU wget.
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
  parentMissing,
  parseToolUrl,
  recordDownload,
  recordFailure,
  shownAddresses,
  urlBasename,
  writeOut,
} from './download-support.js';

const USAGE =
  "BusyBox v1.35.0 (Debian 1:1.35.0-4+b3) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[--no-check-certificate] [-P DIR] [-U AGENT] URL...\n\nRetrieve files via HTTP or FTP\n\n\t--spider\tOnly check URL existence: $? is 0 if exists\n\t--header STR\tAdd STR (of form 'header: value') to headers\n\t--post-data STR\tSend STR using POST method\n\t--post-file FILE\tSend FILE using POST method\n\t--no-check-certificate\tDon't validate the server's certificate\n\t-c\t\tContinue retrieval of aborted transfer\n\t-q\t\tQuiet\n\t-P DIR\t\tSave to DIR (default .)\n\t-S    \t\tShow server response\n\t-O FILE\t\tSave to FILE ('-' for stdout)\n\t-o LOGFILE\tLog messages to FILE\n\t-U STR\t\tUse STR for User-Agent header\n\t-Y on/off\tUse proxy\n";

function bar(name: string, size: number): string {
  return `${name.slice(0, 20).padEnd(20)} 100% |${'*'.repeat(32)}|${String(size).padStart(6)}  0:00:00 ETA\n`;
}

export const busyboxWget: Command = {
  name: 'wget',
  paths: ['/usr/bin/wget', '/bin/wget'],
  async run(ctx) {
    let quiet = false;
    let output: string | undefined;
    let prefix: string | undefined;
    let insecure = false;
    let agent = 'Wget';
    const urls: string[] = [];
    const args = ctx.args;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '--no-check-certificate') insecure = true;
      else if (a === '--spider' || a === '-c' || a === '-S' || a === '--continue') continue;
      else if (['--header', '--post-data', '--post-file', '-Y', '-o', '-T', '-t'].includes(a)) i++;
      else if (a === '-O' || a === '-P' || a === '-U') {
        const v = args[++i];
        if (v === undefined) {
          ctx.stderr(`wget: option requires an argument -- '${a.slice(1)}'\n${USAGE}`);
          return 1;
        }
        if (a === '-O') output = v;
        else if (a === '-P') prefix = v;
        else agent = v;
      } else if (/^-[qOPU]/.test(a) && a.length > 2 && a[1] !== 'q') {
        const v = a.slice(2);
        if (a[1] === 'O') output = v;
        else if (a[1] === 'P') prefix = v;
        else agent = v;
      } else if (/^-q[cS]*(O.*)?$/.test(a)) {
        quiet = true;
        const o = a.indexOf('O');
        if (o !== -1) output = a.slice(o + 1) || args[++i];
      } else if (a.startsWith('-') && a !== '-') {
        ctx.stderr(`wget: ${a.startsWith('--') ? `unrecognized option '${a}'` : `invalid option -- '${a[1]}'`}\n${USAGE}`);
        return 1;
      } else urls.push(a);
    }
    if (urls.length === 0) {
      ctx.stderr(USAGE);
      return 1;
    }
    let status = 0;
    for (const raw of urls) if ((await fetchOne(ctx, raw, { quiet, output, prefix, insecure, agent })) !== 0) status = 1;
    return status;
  },
};

interface Opts {
  quiet: boolean;
  output: string | undefined;
  prefix: string | undefined;
  insecure: boolean;
  agent: string;
}

async function fetchOne(ctx: CommandContext, raw: string, o: Opts): Promise<number> {
  const say = (t: string): void => (o.quiet ? undefined : ctx.stderr(t));
  const url = parseToolUrl(raw);
  if (!url || !['http:', 'https:', 'ftp:'].includes(url.protocol)) {
    ctx.stderr(`wget: not an http or ftp url: ${raw}\n`);
    return 1;
  }
  const toStdout = o.output === '-';
  const name = o.output ?? `${o.prefix ? `${o.prefix.replace(/\/$/, '')}/` : ''}${urlBasename(url, false) || 'index.html'}`;
  const target = toStdout ? '-' : absolutePath(ctx, name);
  if (!toStdout && o.output === undefined && exists(ctx, target)) {
    ctx.stderr(`wget: can't open '${name}': File exists\n`);
    return 1;
  }
  const host = hostOf(url);
  const port = defaultPort(url);
  const attempt = await attemptFetch(ctx, { url: url.href, headers: [['User-Agent', o.agent], ['Connection', 'close']], followRedirects: true, insecure: o.insecure });
  const fetched = attempt.fetched;
  const hops = fetched?.hops ?? [];
  for (const hop of hops.length > 0 ? hops : [{ host, port, addresses: shownAddresses(host) }]) {
    if (hop.addresses.length > 0) say(`Connecting to ${hop.host}:${hop.port} (${hop.addresses[0]}:${hop.port})\n`);
  }
  if (!fetched || !fetched.ok) {
    recordFailure(ctx, raw, fetched ? fetched.reason : 'disabled');
    const last = hops.at(-1);
    if (fetched?.reason === 'unresolved') ctx.stderr(`wget: bad address '${last?.host ?? host}'\n`);
    else if (fetched?.reason === 'http_error') ctx.stderr('wget: too many redirections\n');
    else {
      const why = fetched?.reason === 'timeout' ? 'Connection timed out' : fetched?.reason === 'connect_failed' ? connectErrorText(fetched.detail) : 'Connection refused';
      ctx.stderr(`wget: can't connect to remote host (${last?.addresses[0] ?? shownAddresses(host)[0]}): ${why}\n`);
    }
    return 1;
  }
  if (fetched.status >= 400) {
    recordFailure(ctx, raw, 'http_error');
    ctx.stderr(`wget: server returned error: HTTP/1.1 ${fetched.status} ${fetched.statusText}\n`);
    return 1;
  }
  const body = fetched.body;
  if (toStdout) {
    say('writing to stdout\n');
    ctx.stdout(asText(body));
    recordDownload(ctx, raw, '-', body, fetched.truncated);
    say(`${bar('-', body.length)}written to stdout\n`);
    return 0;
  }
  recordDownload(ctx, raw, target, body, fetched.truncated);
  const err = parentMissing(ctx, target) ?? writeOut(ctx, target, body);
  if (err) {
    ctx.stderr(`wget: can't open '${name}': ${STRERROR[err]}\n`);
    return 1;
  }
  const shown = name.slice(name.lastIndexOf('/') + 1);
  say(`saving to '${name}'\n${bar(shown, body.length)}'${name}' saved\n`);
  return 0;
}
