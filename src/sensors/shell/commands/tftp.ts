// tftp (BusyBox's applet, the syntax IoT droppers use: `tftp -g -r FILE HOST`): the sensor does not speak
// TFTP, so every get ends as a real one against a silent server does, "tftp: timeout"; the URL is recorded.
import type { Command } from '../command.js';
import { attemptFetch, recordFailure } from './download-support.js';
import { optionError, scanShortOptions } from './short-options.js';

const USAGE =
  'BusyBox v1.35.0 (Debian 1:1.35.0-4+b3) multi-call binary.\n\nUsage: tftp [OPTIONS] HOST [PORT]\n\nTransfer a file from/to tftp server\n\n\t-l FILE\tLocal FILE\n\t-r FILE\tRemote FILE\n\t-g\tGet file\n\t-p\tPut file\n\t-b SIZE\tTransfer blocks in bytes\n';

export const tftp: Command = {
  name: 'tftp',
  paths: ['/usr/bin/tftp'],
  async run(ctx) {
    const scan = scanShortOptions(ctx.args, 'gp', 'rlb');
    if (!scan.ok) {
      ctx.stderr(optionError('tftp', scan, USAGE));
      return 1;
    }
    const value = (letter: string): string | undefined => scan.options.findLast(([c]) => c === letter)?.[1];
    const get = scan.options.some(([c]) => c === 'g');
    const put = scan.options.some(([c]) => c === 'p');
    const remote = value('r');
    const local = value('l');
    const rest = scan.operands;
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
