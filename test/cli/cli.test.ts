// The phantomnet command itself: --version and --help, `validate` with good and bad files,
// and `start` end to end: a real ssh login lands in the database and the cowrie-json log, SIGTERM exits 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SENSOR_SECTIONS } from '../../src/schema/config.js';
import { requirePrograms } from '../helpers/programs.js';
import { run, sshArgs } from '../helpers/run.js';

const CLI = ['--import', 'tsx', 'src/cli/main.ts'];
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PHANTOMNET_')) env[k] = v;
  return { ...env, ...extra };
}

test('--version prints the package version; --help shows examples', async () => {
  const v = await run('node', [...CLI, '--version'], { env: cleanEnv() });
  assert.equal(v.stdout.trim(), pkg.version);
  const h = await run('node', [...CLI, '--help'], { env: cleanEnv() });
  assert.match(h.stdout, /Examples:/);
  assert.match(h.stdout, /start/);
  assert.match(h.stdout, /validate/);
});

test('validate: exit 0 on a good file, every problem with key, file and line on a bad one', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pn-cli-'));
  try {
    const good = join(dir, 'good.yaml');
    writeFileSync(good, 'ssh:\n  port: 2022\n');
    const ok = await run('node', [...CLI, 'validate', good], { env: cleanEnv() });
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /configuration OK/);

    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'general:\n  log_level: info\nssh:\n  port: 70000\n  hostnme: x\n');
    const r = await run('node', [...CLI, 'validate', bad], { env: cleanEnv() });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /bad\.yaml:4:\d+: ssh\.port: .*65535/);
    assert.match(r.stderr, /bad\.yaml:5:\d+: ssh\.hostnme: .*hostname/);
    assert.match(r.stderr, /2 problems found/);

    const env = await run('node', [...CLI, 'validate', good], { env: cleanEnv({ PHANTOMNET_SSH_PORT: 'abc' }) });
    assert.equal(env.code, 1);
    assert.match(env.stderr, /PHANTOMNET_SSH_PORT/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('start: bad configuration stops start-up with PN_ERR_CONFIG_INVALID and the line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pn-cli-'));
  try {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'ssh:\n  port: 70000\n');
    const r = await run('node', [...CLI, 'start', '--config', bad], { env: cleanEnv({ PHANTOMNET_GENERAL_DATA_DIR: join(dir, 'data') }) });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /PN_ERR_CONFIG_INVALID/);
    assert.match(r.stderr, /bad\.yaml:2:\d+: ssh\.port/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('start: an ssh login attempt reaches SQLite and cowrie-json; SIGTERM flushes and exits 0', async (ctx) => {
  if (!requirePrograms(ctx, 'ssh', 'sshpass')) return;
  const dir = mkdtempSync(join(tmpdir(), 'pn-cli-'));
  const dataDir = join(dir, 'data');
  const child = spawn('node', [...CLI, 'start'], {
    cwd: process.cwd(),
    // Every sensor on loopback and an ephemeral port: the test never touches a default port.
    env: cleanEnv({
      PHANTOMNET_GENERAL_DATA_DIR: dataDir,
      ...Object.fromEntries(SENSOR_SECTIONS.flatMap((s) => [[`PHANTOMNET_${s.toUpperCase()}_PORT`, '0'], [`PHANTOMNET_${s.toUpperCase()}_HOST`, '127.0.0.1']])),
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listening line; stderr: ${stderr}`)), 20_000);
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        const m = /ssh listening on 127\.0\.0\.1:(\d+)/.exec(stdout);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      });
    });
    const r = await run('sshpass', ['-p', 'cli-test-password', 'ssh', ...sshArgs(port), 'root@127.0.0.1', 'id']);
    assert.equal(r.code, 5);
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    assert.equal(await exit, 0, stderr);

    const db = new Database(join(dataDir, 'phantomnet.sqlite'), { readonly: true });
    try {
      const row = db
        .prepare("SELECT src_ip, dst_port, data FROM events WHERE eventid = 'login.failed'")
        .get() as { src_ip: string; dst_port: number; data: string } | undefined;
      assert.ok(row, 'login.failed is in the events table');
      assert.equal(row.src_ip, '127.0.0.1');
      assert.equal(row.dst_port, port);
      const data = JSON.parse(row.data) as { username: string; password: string };
      assert.equal(data.username, 'root');
      assert.equal(data.password, 'cli-test-password');
      const closed = db.prepare("SELECT count(*) AS n FROM events WHERE eventid = 'session.closed'").get() as { n: number };
      assert.equal(closed.n, 1);
    } finally {
      db.close();
    }
    const cowrie = readFileSync(join(dataDir, 'logs', 'cowrie.json'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const failed = cowrie.find((l) => l.eventid === 'cowrie.login.failed');
    assert.equal(failed?.username, 'root');
    assert.equal(failed?.password, 'cli-test-password');
  } finally {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});
