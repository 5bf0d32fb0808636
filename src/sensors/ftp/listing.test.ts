import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPersona } from '../../core/persona-loader.js';
import { FtpPersonaSchema } from '../../schema/personas/ftp.js';
import { FakeFs } from './fake-fs.js';
import { fileChunks } from './file-content.js';
import { lsDate, mdtmTime, parseListArg, renderListing } from './listing.js';

const persona = loadPersona('ftp', 'vsftpd-3.0.3-debian', FtpPersonaSchema);
const NOW = Date.parse('2025-10-01T12:00:00Z');

test('ls dates: time within six months, year beyond, day zero-padded, UTC', () => {
  assert.equal(lsDate(Date.parse('2025-09-28T02:14:07Z'), NOW), 'Sep 28 02:14');
  assert.equal(lsDate(Date.parse('2025-03-04T16:20:51Z'), NOW), 'Mar 04  2025');
  assert.equal(mdtmTime(Date.parse('2025-03-04T16:20:51Z')), '20250304162051');
});

test('LIST lines in vsftpd column layout; NLST names; -a, globs and missing paths', () => {
  const fs = new FakeFs(persona);
  assert.equal(
    renderListing(fs, parseListArg('', true), NOW),
    'drwxr-xr-x    2 1001     1001         4096 Sep 28 02:14 backups\r\n' +
      '-rw-r--r--    1 1001     1001           93 Mar 04  2025 notes.txt\r\n' +
      'drwxr-xr-x    2 1001     1001         4096 Jun 11 09:42 scripts\r\n',
  );
  assert.equal(renderListing(fs, parseListArg('backups/db*-28.*', false), NOW), 'db_prod_2025-09-28.sql.gz\r\n');
  assert.equal(renderListing(fs, parseListArg('-la scripts', false), NOW).split('\r\n')[2], '-rwxr-xr-x    1 1001     1001          264 Jun 11 09:42 backup.sh');
  assert.equal(renderListing(fs, parseListArg('nothing', true), NOW), '');
});

test('the tree changes per session, stays inside "/" and is bounded', () => {
  const fs = new FakeFs(persona);
  assert.equal(fs.chdir('../../backups'), true);
  assert.equal(fs.cwd, '/backups');
  assert.equal(fs.mkdir('../new', NOW), true);
  assert.equal(fs.rename('/new', '/new/inside'), false, 'no directory inside itself');
  assert.equal(fs.deleteFile('/notes.txt'), true);
  assert.equal(fs.removeDir('/backups'), false, 'not empty');
  assert.equal(new FakeFs(persona).find('/notes.txt')?.kind, 'file', 'another session still sees it');
  let made = 0;
  while (fs.mkdir(`/d${made}`, NOW)) made++;
  assert.equal(made, 999);
});

test('generated files: exact size, format magic, same bytes from any REST offset', async () => {
  const fs = new FakeFs(persona);
  const node = fs.find('/backups/db_prod_2025-09-27.sql.gz');
  assert.ok(node?.kind === 'file');
  const whole: Buffer[] = [];
  for await (const c of fileChunks(node, 0)) whole.push(c);
  const all = Buffer.concat(whole);
  assert.equal(all.length, node.size);
  assert.deepEqual([...all.subarray(0, 4)], [0x1f, 0x8b, 0x08, 0x00]);
  const tail: Buffer[] = [];
  for await (const c of fileChunks(node, 100_000)) tail.push(c);
  assert.deepEqual(Buffer.concat(tail), all.subarray(100_000));
});
