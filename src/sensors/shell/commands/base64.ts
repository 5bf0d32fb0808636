// base64: coreutils' encoder (76-column wrap, -w N, -w 0) and decoder (-d, -i), with its exact error texts;
// bytes travel as latin1 strings, as the shell carries them.
import type { Command } from '../command.js';
import { eachInput } from '../system/fs.js';

const TRY = "Try 'base64 --help' for more information.\n";

export const base64: Command = {
  name: 'base64',
  paths: ['/usr/bin/base64', '/bin/base64'],
  run(ctx) {
    let decode = false;
    let ignore = false;
    let wrap = 76;
    const files: string[] = [];
    const args = ctx.args;
    const setWrap = (v: string | undefined): boolean => {
      if (v === undefined) {
        ctx.stderr(`base64: option requires an argument -- 'w'\n${TRY}`);
        return false;
      }
      if (!/^\d+$/.test(v)) {
        ctx.stderr(`base64: invalid wrap size: ‘${v}’\n`);
        return false;
      }
      wrap = Number(v);
      return true;
    };
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '--decode') decode = true;
      else if (a === '--ignore-garbage') ignore = true;
      else if (a.startsWith('--wrap=')) {
        if (!setWrap(a.slice(7))) return 1;
      } else if (a === '--') {
        files.push(...args.slice(i + 1));
        break;
      }
      else if (a.startsWith('--')) {
        ctx.stderr(`base64: unrecognized option '${a}'\n${TRY}`);
        return 1;
      } else if (a.startsWith('-') && a !== '-') {
        for (let j = 1; j < a.length; j++) {
          const c = a[j]!;
          if (c === 'd') decode = true;
          else if (c === 'i') ignore = true;
          else if (c === 'w') {
            if (!setWrap(a.slice(j + 1) || args[++i])) return 1;
            break;
          } else {
            ctx.stderr(`base64: invalid option -- '${c}'\n${TRY}`);
            return 1;
          }
        }
      } else files.push(a);
    }
    if (files.length > 1) {
      ctx.stderr(`base64: extra operand ‘${files[1]}’\n${TRY}`);
      return 1;
    }
    let status = 0;
    const ok = eachInput(ctx, 'base64', files, (text) => {
      if (!decode) {
        const enc = Buffer.from(text, 'latin1').toString('base64');
        if (wrap === 0) ctx.stdout(enc);
        else for (let k = 0; k < enc.length; k += wrap) ctx.stdout(enc.slice(k, k + wrap) + '\n');
        return;
      }
      let src = text.replace(/\n/g, '');
      if (ignore) src = src.replace(/[^A-Za-z0-9+/=]/g, '');
      // Like coreutils: output what decodes before the first bad byte (whole groups only), then fail.
      const bad = /[^A-Za-z0-9+/=]|=[^=]/.exec(src);
      const cut = bad ? (bad[0].startsWith('=') ? bad.index + 1 : bad.index - (bad.index % 4)) : src.length;
      const valid = src.slice(0, cut);
      ctx.stdout(Buffer.from(valid, 'base64').toString('latin1'));
      if (bad || valid.length % 4 !== 0) {
        ctx.stderr('base64: invalid input\n');
        status = 1;
      }
    });
    return ok ? status : 1;
  },
};
