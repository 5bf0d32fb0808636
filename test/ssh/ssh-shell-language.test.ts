// End to end: the real OpenSSH client on a pty types a multi-line compound command, a line a program reads
// from the terminal (read), and a syntax error; the shell answers as bash does.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { requirePrograms } from '../helpers/programs.js';
import { run, sshArgs } from '../helpers/run.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let port: number;

before(async () => {
  t = await startTestApp({ ssh: { auth_fail_delay_ms: 100 } });
  port = t.app.port('ssh');
});
after(async () => {
  await t.cleanup();
});

test('a typed if/fi waits with "> ", read takes the next line, syntax errors are bash\'s', async (ctx) => {
  if (!requirePrograms(ctx, 'ssh', 'sshpass')) return;
  const r = await run('sshpass', ['-p', 'raspberry', 'ssh', ...sshArgs(port, ['-tt']), 'pi@127.0.0.1'], {
    input: 'if true; then\necho in-if\nfi\nread v\ntyped words\necho "got $v"\necho a ;; b\nexit\n',
  });
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stdout, /if true; then\r\n(\x1b\[\?2004[hl]\r?)*> (\x1b\[\?2004[hl]\r?)*echo in-if\r\n(\x1b\[\?2004[hl]\r?)*> (\x1b\[\?2004[hl]\r?)*fi\r\n(\x1b\[\?2004[hl]\r?)*in-if\r\n/);
  // No prompt between `read v` and the line it reads.
  assert.match(r.stdout, /read v\r\n(\x1b\[\?2004[hl]\r?)*typed words\r\n(\x1b\[\?2004[hl]\r?)*pi@web-prod-02:~\$ /);
  assert.match(r.stdout, /got typed words\r\n/);
  assert.match(r.stdout, /-bash: syntax error near unexpected token `;;'\r\n/);
});
