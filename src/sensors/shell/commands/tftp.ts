// tftp (BusyBox's applet, the syntax IoT droppers use: `tftp -g -r FILE HOST`): the sensor does not speak
// TFTP, so every get ends as a real one against a silent server does, "tftp: timeout"; the URL is recorded.
import type { Command } from '../command.js';
import { attemptFetch, recordFailure } from './download-support.js';

const USAGE =
  'BusyBox v1.35.0 (Debian 1:1.35.0-4+b3) multi-call binary.\n\nUsage: tftp [OPTIONS] HOST [PORT]\n\nTransfer a file from/to tftp server\n\n\t-l FILE\tLocal FILE\n\t-r FILE\tRemote FILE\n\t-g\tGet file\n\t-p\tPut file\n\t-b SIZE\tTransfer blocks in bytes\n';

export const tftp: Command = {
  name: 'tftp',
  paths: ['/usr/bin/tftp'],
  async run(ctx) {
    let get = false;
    let put = false;
    let remote: string | undefined;
    let local: string | undefined;
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
        if (c === 'g') get = true;
        else if (c === 'p') put = true;
        else if (c === 'r' || c === 'l' || c === 'b') {
          const v = j + 1 < a.length ? a.slice(j + 1) : args[++i];
          if (v === undefined) {
            ctx.stderr(`tftp: option requires an argument -- '${c}'\n${USAGE}`);
            return 1;
          }
          if (c === 'r') remote = v;
          else if (c === 'l') local = v;
          break;
        } else {
          ctx.stderr(`tftp: invalid option -- '${c}'\n${USAGE}`);
          return 1;
        }
      }
    }
    const [host, port] = rest;
    if (host === undefined || get === put || (remote ?? local) === undefined) {
      ctx.stderr(USAGE);
      return 1;
    }
    const file = remote ?? local ?? '';
    const url = `tftp://${host.includes(':') ? `[${host}]` : host}${port ? `:${port}` : ''}/${file.replace(/^\//, '')}`;
    if (get) {
      const attempt = await attemptFetch(ctx, { url, headers: [], followRedirects: false, insecure: false });
      recordFailure(ctx, url, attempt.fetched ? (attempt.fetched.ok ? 'protocol_unsupported' : attempt.fetched.reason) : 'disabled');
    }
    ctx.stderr('tftp: timeout\n');
    return 1;
  },
};
