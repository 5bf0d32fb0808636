// `phantomnet replay`: the real CLI plays back the cast of a real `ssh -tt` session, prints it raw, and
// names the missing recording with PN_ERR_REPLAY_NOT_FOUND.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requirePrograms } from '../helpers/programs.js';
import { run, sshArgs } from '../helpers/run.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const CLI = ['--import', 'tsx', 'src/cli/main.ts'];
let t: TestApp;

function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PHANTOMNET_')) env[k] = v;
  return env;
}

before(async () => {
  t = await startTestApp({ shell: { command_latency_ms: 0 } });
});
after(async () => {
  await t.cleanup();
});

test('replay plays a recorded ssh session back; --raw prints the cast; an unknown session is a clear error', async (ctx) => {
  if (!requirePrograms(ctx, 'ssh', 'sshpass')) return;
  const r = await run('sshpass', ['-p', '123456', 'ssh', ...sshArgs(t.app.port('ssh'), ['-tt']), 'root@127.0.0.1'], { input: 'echo replay-marker-42\nexit\n' });
  assert.equal(r.code, 0, r.stderr);
  let ttylog = '';
  let session = '';
  for (let i = 0; i < 100 && !ttylog; i++) {
    await t.app.settle();
    const lc = (await t.app.store.events({ limit: 1000 })).find((e) => e.eventid === 'log.closed');
    if (lc?.eventid === 'log.closed') [ttylog, session] = [lc.ttylog, lc.session];
    else await new Promise((res) => setTimeout(res, 50));
  }
  assert.ok(ttylog, 'log.closed was emitted');

  const played = await run('node', [...CLI, 'replay', session, '--data-dir', t.dir, '--speed', '20', '--max-idle', '0.2'], { env: cleanEnv() });
  assert.equal(played.code, 0, played.stderr);
  assert.ok(played.stdout.includes('replay-marker-42\r\n'), JSON.stringify(played.stdout));
  // Playback writes exactly what the attacker's terminal was sent.
  assert.equal(played.stdout, r.stdout);

  const raw = await run('node', [...CLI, 'replay', session, '--raw'], { env: { ...cleanEnv(), PHANTOMNET_GENERAL_DATA_DIR: t.dir } });
  assert.equal(raw.code, 0, raw.stderr);
  assert.equal(raw.stdout, readFileSync(join(t.dir, ttylog), 'utf8'));
  assert.match(raw.stdout.split('\n')[0]!, /^\{"version":2,/);

  const missing = await run('node', [...CLI, 'replay', '0123456789ab', '--data-dir', t.dir], { env: cleanEnv() });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /PN_ERR_REPLAY_NOT_FOUND: no recording of session "0123456789ab"/);
  assert.equal(missing.stdout, '');
});
