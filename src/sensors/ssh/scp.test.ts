// Legacy scp's remote end: which exec lines are scp, and the sink's answers to good and bad control lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { scratchFs } from '../shell/fs/index.js';
import { PERSONA_OS } from '../shell/system/test-shell.js';
import { parseScpCommand } from './scp-command.js';
import { ScpSink } from './scp-sink.js';
import { UploadRecorder } from './sftp/upload-recorder.js';

const root = { name: 'root', uid: 0, home: '/root' };

test('exec lines OpenSSH sends for scp -O are recognised; other scp use is the shell', () => {
  assert.deepEqual(parseScpCommand('scp -v -r -p -d -t -- /tmp/'), { mode: 'sink', recursive: true, preserve: true, targetIsDir: true, paths: ['/tmp/'] });
  assert.deepEqual(parseScpCommand('scp -f /etc/passwd'), { mode: 'source', recursive: false, preserve: false, targetIsDir: false, paths: ['/etc/passwd'] });
  assert.equal(parseScpCommand('scp -pt "/tmp/a b"')?.paths[0], '/tmp/a b');
  assert.equal(parseScpCommand('scp file host:/tmp'), undefined);
  assert.equal(parseScpCommand('scp -t /tmp; rm -rf /'), undefined);
  assert.equal(parseScpCommand('ls -t'), undefined);
});

function sink(target: string, opts = { recursive: false, preserve: false, targetIsDir: false }) {
  const fs = scratchFs(PERSONA_OS, 'web-prod-02', root);
  const out: Buffer[] = [];
  const exits: number[] = [];
  const uploads: string[] = [];
  const recorder = new UploadRecorder({
    emit: (id, f) => {
      if (id === 'session.file_upload') uploads.push(JSON.stringify(f));
    },
    saveArtifact: (d) => ({ shasum: createHash('sha256').update(d).digest('hex'), duplicate: false, path: '' }),
  });
  const s = new ScpSink({ fs, home: '/root', recorder, send: (b) => out.push(b), exit: (n) => exits.push(n) }, opts, target);
  const text = (): string => Buffer.concat(out).toString('latin1');
  return { fs, s, exits, uploads, text };
}

test('a file, then EOF: acks, the file in place, one upload, exit 0', () => {
  const h = sink('/tmp');
  h.s.push(Buffer.from('C0755 6 drop.sh\n'));
  h.s.push(Buffer.from('echo!\n\0'));
  h.s.end();
  assert.equal(h.text(), '\0\0\0');
  assert.equal(h.fs.readFile('/tmp/drop.sh').toString(), 'echo!\n');
  assert.equal(h.fs.stat('/tmp/drop.sh')?.mode, 0o755);
  assert.equal(h.uploads.length, 1);
  assert.match(h.uploads[0] as string, /"filename":"\/tmp\/drop.sh".*"size":6/);
  assert.deepEqual(h.exits, [0]);
});

test('protocol errors are answered with scp\'s texts and exit 1', () => {
  const bad = sink('/tmp');
  bad.s.push(Buffer.from('C07x5 6 a\n'));
  assert.equal(bad.text(), '\0\x01scp: protocol error: bad mode\n');
  assert.deepEqual(bad.exits, [1]);
  const slash = sink('/tmp');
  slash.s.push(Buffer.from('C0644 1 ../x\n'));
  assert.equal(slash.text(), '\0\x01scp: error: unexpected filename: ../x\n');
  const dir = sink('/tmp');
  dir.s.push(Buffer.from('D0755 0 sub\n'));
  assert.equal(dir.text(), '\0\x01scp: protocol error: received directory without -r\n');
  const nl = sink('/tmp');
  nl.s.push(Buffer.from('\n'));
  assert.equal(nl.text(), '\0\x01scp: protocol error: unexpected <newline>\n');
  const notDir = sink('/etc/passwd', { recursive: false, preserve: false, targetIsDir: true });
  assert.equal(notDir.text(), '\x01scp: /etc/passwd: Not a directory\n');
  assert.deepEqual(notDir.exits, [1]);
});

test('a connection cut mid-file keeps what came, recorded as truncated', () => {
  const h = sink('/tmp/x');
  h.s.push(Buffer.from('C0644 100 x\nabc'));
  h.s.end();
  assert.equal(h.fs.readFile('/tmp/x').toString(), 'abc');
  assert.match(h.uploads[0] as string, /"size":3.*"truncated":true/);
  assert.deepEqual(h.exits, [1]);
});
