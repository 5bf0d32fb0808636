// The SFTP server against a scratch file system, packet by packet: OpenSSH's replies, limits and bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { scratchFs } from '../../shell/fs/index.js';
import { PERSONA_OS } from '../../shell/system/test-shell.js';
import type { StoredArtifact } from '../../artifact-store.js';
import { SftpServer } from './sftp-server.js';
import { UploadRecorder } from './upload-recorder.js';
import { longname } from './longname.js';
import { FXP, Reader, Writer } from './wire.js';

const root = { name: 'root', uid: 0, home: '/root' };

function harness(opts: { maxHandles?: number; sessionBytes?: number } = {}) {
  const fs = scratchFs(PERSONA_OS, 'web-prod-02', root);
  const replies: Buffer[] = [];
  const uploads: { filename: string; size: number; truncated: boolean; shasum: string }[] = [];
  const exits: number[] = [];
  const recorder = new UploadRecorder(
    {
      emit: (id, f) => {
        if (id === 'session.file_upload') uploads.push(f as unknown as (typeof uploads)[number]);
      },
      saveArtifact: (d): StoredArtifact => ({ shasum: createHash('sha256').update(d).digest('hex'), duplicate: false, path: '' }),
    },
    opts.sessionBytes,
  );
  const server = new SftpServer({
    fs,
    user: root,
    recorder,
    send: (p) => replies.push(p),
    exit: (s) => exits.push(s),
    now: () => Date.UTC(2025, 5, 1),
    ...(opts.maxHandles ? { limits: { maxHandles: opts.maxHandles } } : {}),
  });
  const req = (type: number, id: number, build: (w: Writer) => Writer = (w) => w): Reader => {
    replies.length = 0;
    server.feed(build(new Writer().u8(type).u32(id)).finish());
    const last = replies.at(-1);
    return new Reader(last ? last.subarray(4) : Buffer.alloc(0));
  };
  server.feed(new Writer().u8(FXP.INIT).u32(3).finish());
  return { fs, server, replies, uploads, exits, req };
}

function status(r: Reader): [number, string] {
  assert.equal(r.u8(), FXP.STATUS);
  r.u32();
  return [r.u32(), r.string()];
}

test('VERSION announces OpenSSH 9.2 sftp-server extensions, in order', () => {
  const h = harness();
  const r = new Reader(h.replies.length ? (h.replies[0] as Buffer).subarray(4) : Buffer.alloc(0));
  assert.equal(r.u8(), FXP.VERSION);
  assert.equal(r.u32(), 3);
  const names: string[] = [];
  while (r.remaining) {
    names.push(r.string());
    r.string();
  }
  assert.deepEqual(names.slice(0, 3), ['posix-rename@openssh.com', 'statvfs@openssh.com', 'fstatvfs@openssh.com']);
  assert.equal(names.at(-1), 'users-groups-by-id@openssh.com');
});

test('status texts as sftp-server sends them', () => {
  const h = harness();
  assert.deepEqual(status(h.req(FXP.STAT, 1, (w) => w.string('/nonexist'))), [2, 'No such file']);
  assert.deepEqual(status(h.req(FXP.OPENDIR, 2, (w) => w.string('/etc/passwd'))), [2, 'No such file']);
  assert.deepEqual(status(h.req(FXP.MKDIR, 3, (w) => w.string('/etc').u32(0))), [4, 'Failure']);
  assert.deepEqual(status(h.req(FXP.RMDIR, 4, (w) => w.string('/etc'))), [4, 'Failure']);
  assert.deepEqual(status(h.req(FXP.READ, 5, (w) => w.bytes(Buffer.from('zz')).u64(0).u32(10))), [4, 'Failure']);
  assert.deepEqual(status(h.req(FXP.CLOSE, 6, (w) => w.bytes(Buffer.alloc(4)))), [2, 'No such file']);
  assert.deepEqual(status(h.req(FXP.READLINK, 7, (w) => w.string('/etc/passwd'))), [5, 'Bad message']);
  assert.deepEqual(status(h.req(FXP.EXTENDED, 8, (w) => w.string('foo@bar'))), [8, 'Operation unsupported']);
  // An unknown request type gets no answer at all.
  h.replies.length = 0;
  h.server.feed(new Writer().u8(99).u32(9).finish());
  assert.equal(h.replies.length, 0);
});

test('a written file is stored on CLOSE and recorded under its absolute path', () => {
  const h = harness();
  const open = h.req(FXP.OPEN, 1, (w) => w.string('up.sh').u32(0x2 | 0x8 | 0x10).u32(0x4).u32(0o755));
  assert.equal(open.u8(), FXP.HANDLE);
  open.u32();
  const handle = open.bytes();
  assert.deepEqual(handle, Buffer.from([0, 0, 0, 0]));
  assert.deepEqual(status(h.req(FXP.WRITE, 2, (w) => w.bytes(handle).u64(0).bytes(Buffer.from('echo hi\n')))), [0, 'Success']);
  assert.equal(h.uploads.length, 0, 'nothing recorded before CLOSE');
  assert.deepEqual(status(h.req(FXP.CLOSE, 3, (w) => w.bytes(handle))), [0, 'Success']);
  assert.equal(h.fs.readFile('/root/up.sh').toString(), 'echo hi\n');
  assert.equal(h.fs.stat('/root/up.sh')?.mode, 0o755);
  assert.deepEqual(
    h.uploads.map((u) => [u.filename, u.size, u.truncated]),
    [['/root/up.sh', 8, false]],
  );
});

test('READDIR longnames are ls -l lines with owner names from /etc/passwd', () => {
  const h = harness();
  const od = h.req(FXP.OPENDIR, 1, (w) => w.string('/etc'));
  assert.equal(od.u8(), FXP.HANDLE);
  od.u32();
  const handle = od.bytes();
  const r = h.req(FXP.READDIR, 2, (w) => w.bytes(handle));
  assert.equal(r.u8(), FXP.NAME);
  r.u32();
  const count = r.u32();
  assert.ok(count > 2 && count <= 100);
  assert.equal(r.string(), '.');
  assert.match(r.string(), /^drwxr-xr-x +\d+ root {5}root {9}\d+ \w{3} [ \d]\d ( \d{4}|\d\d:\d\d) \.$/);
  assert.equal(
    longname('x', { kind: 'file', mode: 0o4755, uid: 0, gid: 0, size: 3, mtimeMs: Date.UTC(2020, 0, 2, 3, 4), nlink: 1, ino: 1 }, 'root', 'root', Date.UTC(2025, 0, 1)),
    '-rwsr-xr-x    1 root     root            3 Jan  2  2020 x',
  );
});

test('limits: open handles, the quota and the session budget', () => {
  const h = harness({ maxHandles: 2, sessionBytes: 10 });
  const open = (id: number): Reader => h.req(FXP.OPEN, id, (w) => w.string('/etc/hostname').u32(1).u32(0));
  assert.equal(open(1).u8(), FXP.HANDLE);
  assert.equal(open(2).u8(), FXP.HANDLE);
  assert.deepEqual(status(open(3)), [4, 'Failure']);
  const w = h.req(FXP.OPEN, 4, (x) => x.string('/tmp/a').u32(0x2 | 0x8).u32(0));
  assert.deepEqual(status(w), [4, 'Failure'], 'no handle left');
  h.req(FXP.CLOSE, 5, (x) => x.bytes(Buffer.from([0, 0, 0, 0])));
  const w2 = h.req(FXP.OPEN, 6, (x) => x.string('/tmp/a').u32(0x2 | 0x8).u32(0));
  assert.equal(w2.u8(), FXP.HANDLE);
  w2.u32();
  const handle = w2.bytes();
  assert.deepEqual(status(h.req(FXP.WRITE, 7, (x) => x.bytes(handle).u64(0).bytes(Buffer.alloc(20, 0x41)))), [4, 'Failure']);
  h.req(FXP.CLOSE, 8, (x) => x.bytes(handle));
  assert.deepEqual(
    h.uploads.map((u) => [u.filename, u.size, u.truncated]),
    [['/tmp/a', 10, true]],
  );
});

test('a truncated request ends the subsystem with 255, a bad length with 11', () => {
  const h = harness();
  h.server.feed(Buffer.from('0000000d1100000001000000ff41424344', 'hex'));
  assert.deepEqual(h.exits, [255]);
  const h2 = harness();
  h2.server.feed(Buffer.from('7fffffff', 'hex'));
  assert.deepEqual(h2.exits, [11]);
  const h3 = harness();
  h3.server.feed(Buffer.from('0000000000', 'hex'));
  assert.deepEqual(h3.exits, [11]);
});
