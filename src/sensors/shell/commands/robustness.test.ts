// Every command, fed odd arguments and input, returns a status and never throws into the shell.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CommandContext } from '../command.js';
import { PERSONA_OS } from '../system/test-shell.js';
import { scratchFs } from '../fs/index.js';
import { COMMANDS, commandTable } from './index.js';

// Commands that run others (xargs, sudo, nohup, find -exec) dispatch through the real table.

/** A small seeded generator so a failure replays identically. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PIECES = ['-', '--', '-n', '-1', '-999999999', '-c', '-f', '-d', ':', '-k', '-t', '-e', '-E', '-F', '%999999999d', '%.500f', '%c', '(', ')', '[', '\\', '\\(', '{1,', '$', '$NF', '$(', '/re/', '{print $1', "'", '"', 'x'.repeat(5000), '/proc/cpuinfo', '/etc/passwd', '/nope', '~', '..', '.', '*', '-r', '-rf', '-l', '-a', '-h', '-m', '-b', '-9', 'NR==', 'BEGIN{', '0', '1e308', '-0', 'a-z', '[:alpha:]', 's/a/b/g', '-exec', '{}', ';', '-name', 'if=/dev/zero', 'bs=1G', 'count=99999999', 'of=/tmp/x', '-i', 'xargs', 'sudo', '-S', 'status', 'ssh', 'install', '-y'];

test('no command throws on random arguments and input (seeded, bounded)', async () => {
  const next = rng(20251125);
  const pick = (): string => PIECES[Math.floor(next() * PIECES.length)]!;
  const table = commandTable();
  for (const cmd of COMMANDS) {
    for (let round = 0; round < 60; round++) {
      const args = Array.from({ length: Math.floor(next() * 5) }, pick);
      let bytes = 0;
      const user = round % 2 ? { name: 'root', uid: 0, home: '/root' } : { name: 'deploy', uid: 1000, home: '/home/deploy' };
      const ctx: CommandContext = {
        args,
        user,
        fs: scratchFs(PERSONA_OS, 'web-prod-02', user),
        hostname: 'web-prod-02',
        os: PERSONA_OS,
        cwd: '/root',
        env: new Map([['PATH', '/usr/bin:/bin']]),
        stdin: Array.from({ length: 4 }, pick).join(round % 3 ? '\n' : ' '),
        stdout: (t) => void (bytes += t.length),
        stderr: (t) => void (bytes += t.length),
        tty: round % 4 === 0 ? null : 'pts/0',
        lookup: (name) => table.get(name),
      };
      let status: number | undefined;
      await assert.doesNotReject(async () => void (status = await cmd.run(ctx)), `${cmd.name} ${JSON.stringify(args)}`);
      assert.equal(typeof status, 'number', `${cmd.name} returns a status`);
      assert.ok(bytes < 2 << 20, `${cmd.name} ${JSON.stringify(args)} wrote ${bytes} bytes`);
    }
  }
});
