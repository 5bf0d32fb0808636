// passwd (shadow 4.13 with Debian's PAM stack): reads the new password twice from stdin and prints the
// real prompts and verdicts; nothing changes. Root is not asked for the current password.
import type { Command } from '../command.js';

const FAIL = 'passwd: Authentication token manipulation error\npasswd: password unchanged\n';

export const passwd: Command = {
  name: 'passwd',
  paths: ['/usr/bin/passwd', '/bin/passwd'],
  async run(ctx) {
    const target = ctx.args.find((a) => !a.startsWith('-')) ?? ctx.user.name;
    if (ctx.user.uid !== 0 && target !== ctx.user.name) {
      ctx.stderr(`passwd: You may not view or modify password information for ${target}.\n`);
      return 1;
    }
    if (target !== ctx.user.name && target !== 'root') {
      ctx.stderr(`passwd: user '${target}' does not exist\n`);
      return 1;
    }
    const lines = ctx.stdin.split('\n');
    let i = 0;
    // On a terminal passwd reads what the client types next; from a pipe, the piped lines.
    const terminal = ctx.readTerminalLine;
    const next = async (): Promise<string | undefined> => (terminal ? terminal() : i < lines.length - (ctx.stdin.endsWith('\n') ? 1 : 0) ? lines[i++] : undefined);
    if (ctx.user.uid !== 0) {
      ctx.stdout(`Changing password for ${ctx.user.name}.\n`);
      ctx.stderr('Current password: ');
      if ((await next()) === undefined) {
        ctx.stderr(FAIL);
        return 10;
      }
    }
    ctx.stderr('New password: ');
    const first = await next();
    if (first === undefined) {
      ctx.stderr(FAIL);
      return 10;
    }
    ctx.stderr('Retype new password: ');
    const second = await next();
    if (second === undefined) {
      ctx.stderr(FAIL);
      return 10;
    }
    if (first !== second) {
      ctx.stderr('Sorry, passwords do not match.\n' + FAIL);
      return 10;
    }
    ctx.stdout('passwd: password updated successfully\n');
    return 0;
  },
};
