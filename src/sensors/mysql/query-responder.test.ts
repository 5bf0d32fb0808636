// Unit tests of the answers to recon queries, from the shipped persona.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPersona } from '../../core/persona-loader.js';
import { MysqlPersonaSchema } from '../../schema/personas/mysql.js';
import { answer, type Answer, type QueryContext } from './query-responder.js';

const persona = loadPersona('mysql', 'mysql-8.0.39', MysqlPersonaSchema);
const ctx = (database?: string): QueryContext => ({ persona, variables: persona.variables, user: 'root', clientIp: '203.0.113.9', database, connectionId: 12 });

function rows(a: Answer): { names: string[]; rows: (string | null)[][] } {
  assert.equal(a.kind, 'rows', JSON.stringify(a));
  if (a.kind !== 'rows') throw new Error('unreachable');
  return { names: a.rs.columns.map((c) => c.name), rows: a.rs.rows };
}

test('FROM-less SELECT lists: variables, functions, literals and aliases', () => {
  assert.deepEqual(rows(answer('select @@version_comment limit 1', ctx())), { names: ['@@version_comment'], rows: [['MySQL Community Server - GPL']] });
  assert.deepEqual(rows(answer('SELECT @@hostname, version() AS v, DATABASE(), 1, user();', ctx())), {
    names: ['@@hostname', 'v', 'DATABASE()', '1', 'user()'],
    rows: [['3f6c0a9d2b71', '8.0.39', null, '1', 'root@203.0.113.9']],
  });
  assert.deepEqual(rows(answer("select 'x' AS probe, 42 n", ctx())), { names: ['probe', 'n'], rows: [['x', '42']] });
  assert.deepEqual(answer('SELECT @@nope', ctx()), { kind: 'error', error: { code: 1193, state: 'HY000', message: "Unknown system variable 'nope'" } });
  assert.deepEqual(answer('SELECT foo', ctx()), { kind: 'error', error: { code: 1054, state: '42S22', message: "Unknown column 'foo' in 'field list'" } });
});

test('SHOW statements with LIKE patterns', () => {
  assert.deepEqual(rows(answer("SHOW DATABASES LIKE '%s%'", ctx())).rows, [['information_schema'], ['mysql'], ['performance_schema'], ['shop'], ['sys'], ['wordpress']]);
  assert.deepEqual(rows(answer("show tables like 'wp\\_user%'", ctx('wordpress'))), { names: ['Tables_in_wordpress (wp\\_user%)'], rows: [['wp_usermeta'], ['wp_users']] });
  assert.deepEqual(rows(answer("SHOW VARIABLES LIKE 'secure_file_priv'", ctx())).rows, [['secure_file_priv', '/var/lib/mysql-files/']]);
  assert.equal(answer('SHOW TABLES', ctx()).kind, 'error');
});

test('mysql.user, USE, session statements and the fallbacks', () => {
  const users = rows(answer('SELECT user,authentication_string FROM mysql.user', ctx()));
  assert.deepEqual(users.names, ['user', 'authentication_string']);
  assert.deepEqual(users.rows[2], ['wordpress', '*9B500343BC52E2911172EB52AE5CF4847604C6E5']);
  assert.deepEqual(answer('USE `shop`', ctx()), { kind: 'use', database: 'shop' });
  assert.deepEqual(answer('use nope', ctx()), { kind: 'error', error: { code: 1049, state: '42000', message: "Unknown database 'nope'" } });
  assert.deepEqual(answer('SET NAMES utf8mb4', ctx()), { kind: 'ok', affected: 0 });
  assert.deepEqual(answer('DROP TABLE wp_users', ctx('wordpress')), {
    kind: 'error',
    error: { code: 1142, state: '42000', message: "DROP command denied to user 'root'@'203.0.113.9' for table 'wp_users'" },
  });
  assert.deepEqual(answer('  ;', ctx()), { kind: 'error', error: { code: 1065, state: '42000', message: 'Query was empty' } });
  const e = answer("SELECT '<?php system($_GET[c]); ?>' INTO OUTFILE '/var/www/x.php'", ctx());
  assert.ok(e.kind === 'error' && e.error.code === 1064, JSON.stringify(e));
});

test('pathological input is answered without catastrophic backtracking', () => {
  assert.deepEqual(rows(answer(`SHOW VARIABLES LIKE '${'%a'.repeat(1500)}%b'`, ctx())).rows, []);
  assert.deepEqual(rows(answer(`SHOW DATABASES LIKE '${'%_'.repeat(1500)}'`, ctx())).rows, []);
  const spaces = answer(`select ${' '.repeat(1_000_000)}x`, ctx());
  assert.ok(spaces.kind === 'error' && spaces.error.code === 1064);
  const comments = answer('/*'.repeat(3000), ctx());
  assert.ok(comments.kind === 'error' && comments.error.code === 1064);
});
