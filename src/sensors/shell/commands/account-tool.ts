// The shadow-utils account editors (useradd, usermod, userdel, groupadd): root's changes succeed silently,
// others cannot lock the database; unknown or duplicate names get shadow 4.13's texts and statuses.
import type { Command, CommandContext } from '../command.js';
import { readSystemFile } from '../system/proc-files.js';

type Tool = 'useradd' | 'usermod' | 'userdel' | 'groupadd';

/** Options that take a value, so the account name is found after them. */
const VALUED = new Set(['-c', '-d', '-e', '-f', '-g', '-G', '-k', '-K', '-p', '-s', '-u', '-l', '-R', '-P', '-b', '--comment', '--home', '--home-dir', '--shell', '--uid', '--gid', '--groups', '--password', '--login', '--expiredate']);

export function makeAccountTool(tool: Tool): Command {
  return { name: tool, paths: [`/usr/sbin/${tool}`, `/sbin/${tool}`], run: (ctx) => runAccountTool(ctx, tool) };
}

function runAccountTool(ctx: CommandContext, tool: Tool): number {
  let name: string | undefined;
  for (let i = 0; i < ctx.args.length; i++) {
    const a = ctx.args[i]!;
    if (VALUED.has(a)) i++;
    else if (!a.startsWith('-')) name = a;
  }
  if (name === undefined) {
    ctx.stderr(`Usage: ${tool} [options] ${tool === 'groupadd' ? 'GROUP' : 'LOGIN'}\n\nOptions:\n`);
    return 2;
  }
  const db = tool === 'groupadd' ? 'group' : 'passwd';
  if (ctx.user.uid !== 0) {
    ctx.stderr(`${tool}: Permission denied.\n${tool}: cannot lock /etc/${db}; try again later.\n`);
    return tool === 'groupadd' ? 10 : 1;
  }
  const exists = (readSystemFile('/etc/passwd', ctx) ?? '').split('\n').some((l) => l.split(':')[0] === name);
  if (!/^[a-z_][a-z0-9_-]*\$?$/i.test(name)) {
    ctx.stderr(`${tool}: invalid ${tool === 'groupadd' ? 'group' : 'user'} name '${name}': use --badname to ignore\n`);
    return tool === 'groupadd' ? 3 : 19;
  }
  if ((tool === 'useradd' || tool === 'groupadd') && exists) {
    ctx.stderr(`${tool}: ${tool === 'groupadd' ? 'group' : 'user'} '${name}' already exists\n`);
    return 9;
  }
  // Names added earlier in the session are not remembered yet; only the stock accounts are known to exist.
  if ((tool === 'usermod' || tool === 'userdel') && !exists) {
    ctx.stderr(`${tool}: user '${name}' does not exist\n`);
    return 6;
  }
  return 0;
}
