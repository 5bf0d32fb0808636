// Replays the most frequent command lines real SSH bots sent a T-Pot sensor (Cowrie input, Nov 2025)
// through the shell in exec mode and measures how much of that traffic meets no "command not found".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { datasetPath } from '../../../../test/helpers/datasets.js';
import { debianShell } from '../system/test-shell.js';

const DATASET = datasetPath('ssh_tpot_samdavi_2025/ssh_command_counts.csv');

/** Just under the share measured when this test was written; a drop means a command regressed. */
const FLOOR = 0.9;

/**
 * Names a stock Debian 12 host lacks too: bots' typos, other OSes' CLIs, and "Enter new UNIX password: " — the
 * prompt of the source honeypot's passwd, which logs what its passwd reads under the same `input` field; after
 * `echo ...|passwd` a real passwd reads the pipe, not the terminal, so a bot line with that text meets bash.
 */
const ABSENT_ON_DEBIAN = new Set(['lockr', 'Enter', 'curl2', '/ip', 'locate']);

/** RFC 4180 rows: quoted fields may hold commas, doubled quotes and newlines. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

test('the top 100 bot command lines mostly run without "command not found"', async () => {
  assert.ok(existsSync(DATASET), `dataset missing: ${DATASET} (the T-Pot SSH command counts under ../shared/datasets, or set PHANTOMNET_DATASETS)`);
  const rows = parseCsv(readFileSync(DATASET, 'utf8').replace(/^\uFEFF/, '')).slice(1);
  const counts = new Map<string, number>();
  for (const r of rows) {
    // Kibana's placeholder for an empty input line is not a command.
    if (r.length < 3 || r[0] === '(empty)') continue;
    counts.set(r[0]!, (counts.get(r[0]!) ?? 0) + Number(r[r.length - 1]));
  }
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 100);
  let total = 0;
  let clean = 0;
  let cleanOrAbsent = 0;
  const missing = new Map<string, number>();
  const missedLines: [string, number][] = [];
  for (const [line, count] of top) {
    const unknown: string[] = [];
    // Fed as a session feeds a typed line: a program that then reads the terminal would take the next one.
    // A line that opens a compound command (`if ...; then`) waits for the rest, as at a prompt.
    await debianShell({ onUnknown: (u) => unknown.push(u), mode: 'interactive' }).run(line);
    if (unknown.length > 0) missedLines.push([line, count]);
    total += count;
    if (unknown.length === 0) clean += count;
    if (unknown.every((u) => ABSENT_ON_DEBIAN.has(u.split(' ')[0]!))) cleanOrAbsent += count;
    for (const u of unknown) {
      const name = u.split(' ')[0]!;
      missing.set(name, (missing.get(name) ?? 0) + count);
    }
  }
  const share = clean / total;
  const worst = [...missing.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8);
  for (const [line, count] of missedLines) console.log(`miss ×${count}: ${JSON.stringify(line).slice(0, 120)}`);
  console.log(`replay: ${(share * 100).toFixed(1)}% of ${total} executions (top ${top.length} lines) met no "command not found"; ${((cleanOrAbsent / total) * 100).toFixed(2)}% counting names a real Debian 12 lacks too; missing: ${worst.map(([n, c]) => `${n}×${c}`).join(', ')}`);
  assert.ok(share >= FLOOR, `share ${share.toFixed(3)} below the floor ${FLOOR}`);
});
