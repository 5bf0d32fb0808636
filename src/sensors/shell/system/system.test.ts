import { test } from 'node:test';
import assert from 'node:assert/strict';
import { debianShell, out, PERSONA_OS } from './test-shell.js';
import { isReadOnlySystemPath, readSystemFile, systemWriteError } from './proc-files.js';
import { machineFor } from './machine.js';

const CTX = { os: PERSONA_OS, hostname: 'web-prod-02', user: { name: 'root', uid: 0, home: '/root' } };
const cores = PERSONA_OS.hardware!.cpu.cores;

test('the persona carries a hardware block and the machine model uses it', async () => {
  assert.ok(PERSONA_OS.hardware, 'openssh-9.2p1-debian-12.yaml must define os.hardware');
  assert.equal(machineFor(CTX).hw.cpu.model_name, PERSONA_OS.hardware.cpu.model_name);
});

test('core count agrees across /proc/cpuinfo, nproc and lscpu', async () => {
  const s = debianShell();
  assert.equal(await out('cat /proc/cpuinfo | grep name | wc -l', s), `${cores}\n`);
  assert.equal(await out('cat /proc/cpuinfo | grep model | grep name | wc -l', s), `${cores}\n`);
  assert.equal(await out('grep -c ^processor /proc/cpuinfo', s), `${cores}\n`);
  assert.equal(await out('nproc', s), `${cores}\n`);
  assert.match(await out('lscpu', s), new RegExp(`^CPU\\(s\\): +${cores}$`, 'm'));
  assert.match(await out('lscpu', s), new RegExp(`^    Core\\(s\\) per socket: +${cores}$`, 'm'));
});

test('/proc/cpuinfo has one block per core with the x86_64 field list in kernel order', async () => {
  const text = readSystemFile('/proc/cpuinfo', CTX)!;
  const blocks = text.split('\n\n').filter(Boolean);
  assert.equal(blocks.length, cores);
  const keys = blocks[0]!.split('\n').map((l) => l.split(/\t*:/)[0]);
  assert.deepEqual(keys.slice(0, 10), ['processor', 'vendor_id', 'cpu family', 'model', 'model name', 'stepping', 'microcode', 'cpu MHz', 'cache size', 'physical id']);
  assert.equal(keys[keys.length - 1], 'power management');
  assert.match(blocks[1]!, /^processor\t: 1$/m);
  assert.match(blocks[0]!, /^model\t\t: 79$/m);
});

test("the bots' model-name probe prints fields 4..9: the persona CPU name's first six words", async () => {
  const r = await out(`cat /proc/cpuinfo | grep name | head -n 1 | awk '{print $4,$5,$6,$7,$8,$9;}'`);
  const words = PERSONA_OS.hardware!.cpu.model_name.split(' ');
  assert.equal(r, words.slice(0, 6).join(' ') + '\n');
  assert.equal(await out('lscpu | grep Model'), `  Model name:            ${PERSONA_OS.hardware!.cpu.model_name}\n    Model:               79\n`);
});

test('free -m agrees with /proc/meminfo (used = total - available, buff/cache = Buffers + Cached + SReclaimable)', async () => {
  const s = debianShell();
  const info = Object.fromEntries(
    (await out('cat /proc/meminfo', s))
      .trim()
      .split('\n')
      .map((l) => {
        const [k, v] = l.split(/:\s+/);
        return [k!, Number.parseInt(v!, 10)];
      }),
  );
  const [total, used, free, shared, cache, avail] = (await out(`free -m | grep Mem | awk '{print $2 ,$3, $4, $5, $6, $7}'`, s)).trim().split(' ').map(Number);
  const mb = (kb: number): number => Math.floor(kb / 1024);
  assert.equal(total, mb(info.MemTotal!));
  assert.equal(free, mb(info.MemFree!));
  assert.equal(avail, mb(info.MemAvailable!));
  assert.equal(shared, mb(info.Shmem!));
  assert.equal(cache, mb(info.Buffers! + info.Cached! + info.SReclaimable!));
  assert.equal(used, mb(info.MemTotal! - info.MemAvailable!));
  assert.equal(info.MemTotal, PERSONA_OS.hardware!.memory_kb);
  assert.match(await out('free -k', s), new RegExp(`^Mem: +${info.MemTotal} +`, 'm'));
});

test('uptime, w, top and /proc/uptime tell the same boot time and load', async () => {
  const s = debianShell();
  const secs = Number(await out('cat /proc/uptime | cut -d. -f1', s));
  assert.ok(secs >= PERSONA_OS.hardware!.uptime_base_seconds, `uptime ${secs}s below the persona base`);
  const days = Math.floor(secs / 86400);
  const line = await out('uptime', s);
  assert.match(line, new RegExp(`^ \\d\\d:\\d\\d:\\d\\d up ${days} days?, +\\d+:\\d\\d,  1 user,  load average: 0\\.08, 0\\.03, 0\\.01\\n$`));
  assert.equal((await out('w', s)).split('\n')[0], line.trimEnd());
  assert.equal((await out('top -b -n1', s)).split('\n')[0], line.trimEnd().replace(/^ /, 'top - '));
});

test('uname -a, hostname, /etc/hostname and /etc/os-release match the persona', async () => {
  const s = debianShell();
  assert.equal(await out('uname -a', s), `Linux web-prod-02 ${PERSONA_OS.kernel_release} ${PERSONA_OS.kernel_version} x86_64 GNU/Linux\n`);
  assert.equal(await out('hostname; cat /etc/hostname', s), 'web-prod-02\nweb-prod-02\n');
  assert.match(await out('cat /etc/os-release', s), /^PRETTY_NAME="Debian GNU\/Linux 12 \(bookworm\)"\n/);
  assert.match(await out('grep VERSION_ID /etc/os-release', s), /^VERSION_ID="12"\n$/);
  assert.match(await out('cat /proc/version', s), new RegExp(`^Linux version ${PERSONA_OS.kernel_release} .*${PERSONA_OS.kernel_version.replace(/[()#]/g, '\\$&')}\\n$`));
});

test('/proc and /sys are read-only: the shell can ask which error a redirection gets', async () => {
  assert.equal(isReadOnlySystemPath('/proc/cpuinfo'), true);
  assert.equal(isReadOnlySystemPath('/sys/class/net'), true);
  assert.equal(isReadOnlySystemPath('/tmp/x'), false);
  assert.equal(systemWriteError('/proc/cpuinfo'), 'Permission denied');
  assert.equal(systemWriteError('/proc/newfile'), 'No such file or directory');
  assert.equal(systemWriteError('/proc'), 'Is a directory');
  assert.equal(systemWriteError('/root/x'), undefined);
});

test('ps shows an sshd session and the shell for the user, with the given pid and terminal', async () => {
  const s = debianShell();
  const ps = await out('ps aux', s);
  assert.match(ps, /^USER {9}PID %CPU %MEM {4}VSZ {3}RSS TTY {6}STAT START {3}TIME COMMAND$/m);
  assert.match(ps, /^root +\d+ .* sshd: root@pts\/0$/m);
  assert.match(ps, /^root +\d+ .* pts\/0 +Ss .* -bash$/m);
  assert.match(ps, /^root +1 .* \/sbin\/init$/m);
  assert.match(ps, / ps aux\n$/);
  assert.equal(await out(`ps -ef | grep '[Mm]iner'`, s), '');
  assert.equal((await s.run(`ps -ef | grep '[Mm]iner'`)).status, 1);
  assert.match(await out('ps -ef', s), /^UID {10}PID {4}PPID  C STIME TTY {10}TIME CMD$/m);
});
