// Heap one held session's file system view costs (registry.session for a user absent from /etc/passwd, plus a
// look at its home): run with `node --expose-gc --import tsx bench/shell-fs-sessions.ts`. Aim: under 64 KiB.
import { commandTable } from '../src/sensors/shell/commands/index.js';
import { DEFAULT_FS_LIMITS, sensorFs, type ShellFs } from '../src/sensors/shell/fs/index.js';
import { PERSONA_OS } from '../src/sensors/shell/system/test-shell.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const N = 200;
const reg = sensorFs({ sensorName: 'bench', os: PERSONA_OS, hostname: 'web-prod-02', commands: commandTable(), limits: DEFAULT_FS_LIMITS });
reg.baseTree();
reg.session('192.0.2.1', { uid: 1000, gid: 1000 }, { name: 'warm', uid: 1000, home: '/home/warm' }).readdir('/home/warm');
gc();
const before = process.memoryUsage().heapUsed;
const held: ShellFs[] = [];
for (let i = 0; i < N; i++) {
  const fs = reg.session(`198.51.${i >> 8}.${i & 255}`, { uid: 1000, gid: 1000 }, { name: `user${i}`, uid: 1000, home: `/home/user${i}` });
  fs.readdir(`/home/user${i}`);
  fs.stat('/etc/passwd');
  held.push(fs);
}
gc();
const per = (process.memoryUsage().heapUsed - before) / N;
console.log(`${N} held sessions: ${(per / 1024).toFixed(2)} KiB of heap each (aim < 64 KiB); layers in memory: ${reg.inMemory}`);
if (held.length !== N) throw new Error('unreachable');
