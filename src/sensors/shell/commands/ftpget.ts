// ftpget (BusyBox's applet: `ftpget [-u USER -p PASS -P PORT] HOST [LOCAL] REMOTE`): the sensor does not
// speak FTP, so every get fails as against a refused connection; the URL is recorded.
import type { Command } from '../command.js';
import { attemptFetch, recordFailure, shownAddresses } from './download-support.js';
import { optionError, scanShortOptions } from './short-options.js';

const USAGE =
  'BusyBox v1.35.0 (Debian 1:1.35.0-4+b3) multi-call binary.\n\nUsage: ftpget [OPTIONS] HOST [LOCAL_FILE] REMOTE_FILE\n\nDownload a file via FTP\n\n\t-c\tContinue previous transfer\n\t-v\tVerbose\n\t-u USER\tUsername\n\t-p PASS\tPassword\n\t-P PORT\n';

export const ftpget: Command = {
  name: 'ftpget',
  paths: ['/usr/bin/ftpget'],
  async run(ctx) {
    const scan = scanShortOptions(ctx.args, 'cv', 'upP');
    if (!scan.ok) {
      ctx.stderr(optionError('ftpget', scan, USAGE));
      return 1;
    }
    const rest = scan.operands;
    const port = scan.options.findLast(([c]) => c === 'P')?.[1];
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
