// ftpget (BusyBox's applet: `ftpget [-u USER -p PASS -P PORT] HOST [LOCAL] REMOTE`): the sensor does not
// speak FTP, so every get fails as against a refused connection; the URL is recorded.
import type { Command } from '../command.js';
import { attemptFetch, recordFailure, shownAddresses } from './download-support.js';

const USAGE =
  'BusyBox v1.35.0 (Debian 1:1.35.0-4+b3) multi-call binary.\n\nUsage: ftpget [OPTIONS] HOST [LOCAL_FILE] REMOTE_FILE\n\nDownload a file via FTP\n\n\t-c\tContinue previous transfer\n\t-v\tVerbose\n\t-u USER\tUsername\n\t-p PASS\tPassword\n\t-P PORT\n';

export const ftpget: Command = {
  name: 'ftpget',
  paths: ['/usr/bin/ftpget'],
  async run(ctx) {
    let port: string | undefined;
    const rest: string[] = [];
    const args = ctx.args;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (!a.startsWith('-') || a === '-') {
        rest.push(a);
        continue;
      }
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        if (c === 'c' || c === 'v') continue;
        if (c === 'u' || c === 'p' || c === 'P') {
          const v = j + 1 < a.length ? a.slice(j + 1) : args[++i];
          if (v === undefined) {
            ctx.stderr(`ftpget: option requires an argument -- '${c}'\n${USAGE}`);
            return 1;
          }
          if (c === 'P') port = v;
          break;
        }
        ctx.stderr(`ftpget: invalid option -- '${c}'\n${USAGE}`);
        return 1;
      }
    }
    if (rest.length < 2 || rest.length > 3) {
      ctx.stderr(USAGE);
      return 1;
    }
    const host = rest[0]!;
    const remote = rest.at(-1)!;
    const url = `ftp://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}${port ? `:${port}` : ''}/${remote.replace(/^\//, '')}`;
    const attempt = await attemptFetch(ctx, { url, headers: [], followRedirects: false, insecure: false });
    recordFailure(ctx, url, attempt.fetched ? (attempt.fetched.ok ? 'protocol_unsupported' : attempt.fetched.reason) : 'disabled');
    ctx.stderr(`ftpget: can't connect to remote host (${shownAddresses(host.replace(/:\d+$/, ''))[0]}): Connection refused\n`);
    return 1;
  },
};
