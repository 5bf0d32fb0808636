// Keeps the event catalogue (src/schema/events.ts), the sensors that emit events, docs/events.md and the
// cowrie-json output in step: a new or renamed event fails here until all four agree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { toCowrieLine, toCowrieRecord } from '../src/outputs/cowrie-json.js';
import {
  ENVELOPE_FIELDS,
  EVENT_DEFINITIONS,
  EVENT_IDS,
  EventSchema,
  envelopeShape,
  type EventFields,
  type EventId,
} from '../src/schema/events.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DOC_PATH = join(ROOT, 'docs', 'events.md');
const SENSORS_DIR = join(ROOT, 'src', 'sensors');
const SESSION_SCOPE = join(ROOT, 'src', 'core', 'session-scope.ts');
/** Written by the SessionScope itself, never through a sensor's emit(). */
const SCOPE_EVENTS: readonly EventId[] = ['session.connect', 'session.closed'];

// ---------- docs/events.md ----------

interface DocSection {
  level: number;
  title: string;
  body: string[];
}

function sections(markdown: string): DocSection[] {
  const out: DocSection[] = [];
  let inFence = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) inFence = !inFence;
    const h = inFence ? null : /^(#{1,6})\s+(.*?)\s*$/.exec(line);
    if (h) out.push({ level: h[1]!.length, title: h[2]!, body: [] });
    else out.at(-1)?.body.push(line);
  }
  return out;
}

interface Row {
  name: string;
  type: string;
}

const cell = (s: string): string => s.trim().replace(/^`(.*)`$/, '$1');

/** The rows of the first table in a section: its first column is the field name, the second its type. */
function tableRows(body: string[]): Row[] {
  const start = body.findIndex((l) => l.trim().startsWith('|'));
  if (start < 0) return [];
  const rows: Row[] = [];
  for (const line of body.slice(start + 2)) {
    if (!line.trim().startsWith('|')) break;
    const cells = line.trim().slice(1, -1).split(/(?<!\\)\|/);
    rows.push({ name: cell(cells[0] ?? ''), type: cell(cells[1] ?? '') });
  }
  return rows;
}

/** How the doc must spell a field's type; a new zod type needs a name here (and in the doc). */
function typeName(s: z.ZodType): string {
  if (s instanceof z.ZodISODateTime) return 'string (ISO-8601 UTC)';
  if (s instanceof z.ZodString) return 'string';
  if (s instanceof z.ZodNumber) return s.isInt ? 'integer' : 'number';
  if (s instanceof z.ZodBoolean) return 'boolean';
  if (s instanceof z.ZodArray) return `${typeName(s.element as z.ZodType)}[]`;
  if (s instanceof z.ZodEnum) return `enum: ${s.options.join(', ')}`;
  if (s instanceof z.ZodLiteral) return JSON.stringify(s.value);
  if (s instanceof z.ZodOptional) return `${typeName(s.unwrap() as z.ZodType)} (optional)`;
  throw new Error(`test/catalogue.test.ts has no doc type name for zod type "${s.def.type}"`);
}

const doc = sections(readFileSync(DOC_PATH, 'utf8'));
const eventSections = doc.filter((s) => s.level === 3);

function assertTableMatches(where: string, rows: Row[], shape: Record<string, z.ZodType>): void {
  const names = rows.map((r) => r.name);
  assert.equal(new Set(names).size, names.length, `${where}: a field is listed twice`);
  assert.deepEqual([...names].sort(), Object.keys(shape).sort(), `${where}: the field table does not list exactly the catalogue's fields`);
  for (const r of rows) {
    const field = shape[r.name];
    if (field) assert.equal(r.type, typeName(field), `${where}: type of \`${r.name}\``);
  }
}

test('(a) every catalogue event has a ### heading in docs/events.md, and every ### heading is a catalogue event', () => {
  const headings = eventSections.map((s) => s.title);
  assert.equal(new Set(headings).size, headings.length, 'an event is documented twice');
  const catalogue = new Set<string>(EVENT_IDS);
  const documented = new Set(headings);
  assert.deepEqual(EVENT_IDS.filter((id) => !documented.has(id)), [], 'catalogue events missing from docs/events.md');
  assert.deepEqual(headings.filter((h) => !catalogue.has(h)), [], 'docs/events.md documents events that are not in the catalogue');
});

test('(b) each event section has its description and exactly the catalogue fields, with their types', () => {
  for (const def of EVENT_DEFINITIONS) {
    const section = eventSections.find((s) => s.title === def.eventid);
    if (!section) continue; // reported by (a)
    const text = section.body.join('\n').replace(/\s+/g, ' ');
    assert.ok(text.includes(def.description), `${def.eventid}: description must read "${def.description}"`);
    assertTableMatches(def.eventid, tableRows(section.body), def.fields as Record<string, z.ZodType>);
  }
});

test('(b) the envelope fields are documented once, in the Envelope section', () => {
  const envelope = doc.filter((s) => s.level === 2 && s.title === 'Envelope');
  assert.equal(envelope.length, 1, 'docs/events.md needs exactly one "## Envelope" section');
  const shape: Record<string, z.ZodType> = { ...envelopeShape, eventid: z.string() };
  assertTableMatches('Envelope', tableRows(envelope[0]!.body), shape);
  for (const s of eventSections) {
    for (const r of tableRows(s.body)) {
      assert.ok(!(ENVELOPE_FIELDS as string[]).includes(r.name), `${s.title}: envelope field \`${r.name}\` belongs in the Envelope section`);
    }
  }
});

// ---------- emitters ----------

function tsFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(p);
    return e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

/** Every `.emit('<eventid>'` with a literal id (single, double or backtick quotes), by file. */
function emittedIds(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const call = /\.emit\(\s*(['"`])([^'"`$\\\n]+)\1/g;
  for (const file of tsFiles(SENSORS_DIR)) {
    for (const m of readFileSync(file, 'utf8').matchAll(call)) {
      const id = m[2]!;
      found.set(id, [...(found.get(id) ?? []), relative(ROOT, file)]);
    }
  }
  return found;
}

test('(c) every event a sensor emits is in the catalogue', () => {
  const unknown = [...emittedIds()].filter(([id]) => !(EVENT_IDS as string[]).includes(id)).map(([id, files]) => `${id} (${files.join(', ')})`);
  assert.deepEqual(unknown, [], 'sensors emit eventids that are not in EVENT_DEFINITIONS');
});

test('(c) every catalogue event is emitted by some sensor (session.connect/closed by the SessionScope)', () => {
  const emitted = emittedIds();
  const never = EVENT_IDS.filter((id) => !SCOPE_EVENTS.includes(id) && !emitted.has(id));
  assert.deepEqual(never, [], 'catalogue events that no sensor under src/sensors emits');
  const scope = readFileSync(SESSION_SCOPE, 'utf8');
  for (const id of SCOPE_EVENTS) assert.ok(scope.includes(`write('${id}'`), `SessionScope no longer writes ${id}`);
});

// ---------- cowrie-json ----------

// A mapped type: a new catalogue event does not compile until it has a sample here.
const SAMPLES: { [K in EventId]: EventFields<K> } = {
  'client.var': { name: 'LANG', value: 'C.UTF-8' },
  'session.params': { arch: 'linux-x64-lsb' },
  'session.file_download': { url: 'http://198.51.100.7/x.sh', outfile: '/tmp/x.sh', shasum: 'c'.repeat(64), size: 42, duplicate: false, truncated: false },
  'session.file_download.failed': { url: 'http://198.51.100.7/x.sh', reason: 'disabled' },
  'log.closed': { ttylog: 'casts/2026/01/01/abc.cast', size: 100, shasum: 'd'.repeat(64), duplicate: false, duration_ms: 5 },
  'session.connect': {},
  'session.closed': { duration_ms: 0, reason: 'shutdown' },
  'client.version': { version: 'SSH-2.0-Go' },
  'client.kex': {
    hassh: '0'.repeat(32),
    hasshAlgorithms: ';;;',
    kexAlgs: [],
    keyAlgs: [],
    encCS: [],
    macCS: [],
    compCS: [],
    langCS: [],
  },
  'client.size': { width: 0, height: 0 },
  'login.success': { username: '', password: '', method: 'none' },
  'login.failed': { username: 'root\u0000', password: 'line1\nline2', method: 'publickey' },
  'command.input': { input: 'echo "\u2028" \\' },
  'command.failed': { input: '' },
  'direct-tcpip.request': { kind: 'tcpip-forward', dst_host: '::', dst_port_requested: 0 },
  'protocol.error': { message: 'x', data_hex: '' },
  'session.file_upload': { filename: 'x.sh', shasum: 'a'.repeat(64), size: 12, duplicate: false, truncated: false },
  'http.request': { method: 'GET', uri: '/wp-login.php?x=1', http_version: '1.1', headers: [['Host', 'example'], ['User-Agent', 'curl/7.88.1']], body: '', body_length: 0, body_truncated: false, status: 200, tls: false },
  'ftp.command': { command: 'RETR', argument: 'backup.tar.gz' },
  'smtp.command': { command: 'EHLO', argument: 'kali' },
  'smtp.message': { mail_from: 'a@example.org', rcpt_to: ['b@example.net'], size: 5, data: 'hello', data_truncated: false, shasum: 'b'.repeat(64), complete: true },
  'mysql.query': { query: 'SELECT @@version' },
  'mysql.command': { command: 'COM_INIT_DB', argument: 'mysql' },
  'redis.command': { command: 'CONFIG', args: ['SET', 'dir', '/root/.ssh'], args_truncated: false },
};

test('(d) the cowrie-json output writes every catalogue event with a prefix and a message', () => {
  for (const def of EVENT_DEFINITIONS) {
    const event = EventSchema.parse({
      id: '019abc12-3456-7def-8123-456789abcdef',
      timestamp: '2026-01-01T00:00:00Z',
      sensor: 's',
      session: '000000000000',
      protocol: 'ssh',
      src_ip: '::1',
      src_port: 0,
      dst_ip: '::1',
      dst_port: 0,
      eventid: def.eventid,
      ...SAMPLES[def.eventid],
    });
    const rec = toCowrieRecord(event);
    assert.equal(rec['eventid'], `cowrie.${def.eventid}`);
    assert.ok(typeof rec['message'] === 'string' && rec['message'].length > 0, `${def.eventid}: no message`);
    assert.match(String(rec['timestamp']), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
    const line = toCowrieLine(event);
    assert.equal(line.indexOf('\n'), line.length - 1, `${def.eventid}: not a single line`);
    assert.deepEqual(JSON.parse(line), rec);
  }
});
