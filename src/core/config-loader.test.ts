// The config loader: file lookup, env overrides, every problem at once with its line, paths, and the docs table.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ConfigSchema, SshConfigSchema, crossFieldProblems } from '../schema/config.js';
import { PhantomError } from './errors.js';
import { loadConfig, loadConfigOrThrow, loadConfigWith, resolveDataPath, resolvedDataDir } from './config-loader.js';
import type { ConfigSpec, LoadResult } from './config-loader.js';
import { envVarName } from './config-env.js';
import { defaultOf, leafPaths, unwrap } from './config-schema-walk.js';
import { closest, editDistance } from './did-you-mean.js';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A fresh working directory, optionally with ./phantomnet.yaml. */
function workdir(yaml?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pn-config-'));
  dirs.push(dir);
  if (yaml !== undefined) writeFileSync(join(dir, 'phantomnet.yaml'), yaml);
  return dir;
}

function messages<T>(r: LoadResult<T>): string[] {
  assert.equal(r.ok, false, 'expected problems');
  return r.problems.map((p) => p.message);
}

function okConfig<T>(r: LoadResult<T>): T {
  if (!r.ok) assert.fail(`unexpected problems:\n${r.problems.map((p) => p.message).join('\n')}`);
  return r.config;
}

// ---------------------------------------------------------------- file lookup and defaults

test('no file and no environment: the schema defaults, data_dir resolved against cwd', () => {
  const cwd = workdir();
  const r = loadConfig({ cwd, env: {} });
  const config = okConfig(r);
  assert.equal(r.source, null);
  const defaults = ConfigSchema.parse({});
  assert.deepEqual(config, { ...defaults, general: { ...defaults.general, data_dir: join(cwd, 'data') } });
  assert.equal(config.ssh.port, 2222);
});

test('./phantomnet.yaml in cwd is read; keys it leaves out keep their defaults', () => {
  const cwd = workdir('ssh:\n  port: 2200\nstore:\n  batch_size: 10\n');
  const r = loadConfig({ cwd, env: {} });
  const config = okConfig(r);
  assert.equal(r.source, join(cwd, 'phantomnet.yaml'));
  assert.equal(config.ssh.port, 2200);
  assert.equal(config.store.batch_size, 10);
  assert.equal(config.ssh.hostname, undefined, 'unset: the instance identity names the host');
  assert.equal(config.store.flush_interval_ms, 50);
});

test('an explicit file (relative to cwd) wins over $PHANTOMNET_CONFIG, which wins over ./phantomnet.yaml', () => {
  const cwd = workdir('ssh:\n  port: 1001\n');
  mkdirSync(join(cwd, 'etc'));
  writeFileSync(join(cwd, 'etc', 'a.yaml'), 'ssh:\n  port: 1002\n');
  writeFileSync(join(cwd, 'etc', 'b.yaml'), 'ssh:\n  port: 1003\n');
  const env = { PHANTOMNET_CONFIG: 'etc/b.yaml' };
  assert.equal(okConfig(loadConfig({ cwd, env, file: 'etc/a.yaml' })).ssh.port, 1002);
  const viaEnv = loadConfig({ cwd, env });
  assert.equal(okConfig(viaEnv).ssh.port, 1003);
  assert.equal(viaEnv.source, join(cwd, 'etc', 'b.yaml'));
  assert.equal(okConfig(loadConfig({ cwd, env: {} })).ssh.port, 1001);
});

test('an empty file, a comments-only file and an empty section all mean defaults', () => {
  for (const yaml of ['', '# nothing yet\n', 'ssh:\n  # port: 22\noutputs:\n  cowrie_json:\n']) {
    const config = okConfig(loadConfig({ cwd: workdir(yaml), env: {} }));
    assert.equal(config.ssh.port, 2222, JSON.stringify(yaml));
    assert.equal(config.outputs.cowrie_json.rotate, 'daily');
  }
});

test('a missing explicit file is a PN_ERR_CONFIG_READ problem naming it, and loadConfigOrThrow throws that code', () => {
  const cwd = workdir('ssh:\n  port: 2200\n');
  const r = loadConfig({ cwd, env: {}, file: 'nope.yaml' });
  assert.deepEqual(messages(r), ['nope.yaml: cannot read the configuration file: no such file']);
  assert.equal(r.problems[0]?.code, 'PN_ERR_CONFIG_READ');
  assert.equal(r.source, join(cwd, 'nope.yaml'));
  assert.throws(
    () => loadConfigOrThrow({ cwd, env: {}, file: 'nope.yaml' }),
    (e: unknown) => e instanceof PhantomError && e.code === 'PN_ERR_CONFIG_READ' && e.message.includes('nope.yaml'),
  );
  // $PHANTOMNET_CONFIG naming a missing file is the same mistake.
  assert.equal(loadConfig({ cwd, env: { PHANTOMNET_CONFIG: 'gone.yaml' } }).problems[0]?.message, 'gone.yaml: cannot read the configuration file: no such file');
});

test('a YAML syntax error is a problem with its line', () => {
  const r = loadConfig({ cwd: workdir('ssh:\n  port: 2222\n  port: 2223\n'), env: {} });
  const [only, ...rest] = messages(r);
  assert.equal(rest.length, 0);
  assert.match(only ?? '', /^phantomnet\.yaml:3:3: YAML syntax: Map keys must be unique/);
  assert.equal(r.problems[0]?.code, 'PN_ERR_CONFIG_READ');

  assert.deepEqual(messages(loadConfig({ cwd: workdir('ssh:\n\tport: 1\n'), env: {} })), ['phantomnet.yaml:2:1: YAML syntax: Tabs are not allowed as indentation']);
  assert.deepEqual(messages(loadConfig({ cwd: workdir('ssh:\n  port: 1\n---\nx: 1\n'), env: {} })), [
    'phantomnet.yaml:3:1: YAML syntax: the file holds more than one YAML document (a second ---)',
  ]);
});

// ---------------------------------------------------------------- problems with lines

test('port 70000 names file, line, column, key and value', () => {
  const r = loadConfig({ cwd: workdir('general:\n  log_level: info\nssh:\n  host: 127.0.0.1\n  port: 70000\n'), env: {} });
  assert.deepEqual(messages(r), ['phantomnet.yaml:5:9: ssh.port: must be a port number 0-65535 (got 70000)']);
  assert.equal(r.problems[0]?.code, 'PN_ERR_CONFIG_INVALID');
  assert.deepEqual(r.problems[0]?.origin, { kind: 'file', file: 'phantomnet.yaml', line: 5, column: 9 });
  assert.equal(r.problems[0]?.path, 'ssh.port');
  assert.equal(r.problems[0]?.detail, 'must be a port number 0-65535 (got 70000)');
});

test('an unknown key points at its own line, with a suggestion for a near miss only', () => {
  const yaml = ['ssh:', '  host: 0.0.0.0', '  prot: 22', '  bogus: 1', 'stroe:', '  path: x.sqlite', ''].join('\n');
  assert.deepEqual(messages(loadConfig({ cwd: workdir(yaml), env: {} })), [
    'phantomnet.yaml:3:3: ssh.prot: unknown key (did you mean port?)',
    'phantomnet.yaml:4:3: ssh.bogus: unknown key',
    'phantomnet.yaml:5:1: stroe: unknown key (did you mean store?)',
  ]);
});

test('wrong types name what was expected and what was found', () => {
  const yaml = ['store:', '  batch_size: lots', '  flush_interval_ms: 1.5', 'ssh:', '  enabled: maybe', 'outputs: 5', 'auth:', '  users:', '    - username: root', ''].join('\n');
  assert.deepEqual(messages(loadConfig({ cwd: workdir(yaml), env: {} })), [
    'phantomnet.yaml:2:15: store.batch_size: expected a number, got the string "lots"',
    'phantomnet.yaml:3:22: store.flush_interval_ms: expected an integer, got 1.5',
    'phantomnet.yaml:5:12: ssh.enabled: expected true or false, got the string "maybe"',
    'phantomnet.yaml:6:10: outputs: expected a mapping, got 5',
    'phantomnet.yaml:9:7: auth.users[0].password: is required (a string)',
  ]);
});

test('enum, format and string-length problems show the value', () => {
  const yaml = ['general:', '  sensor_name: ""', '  log_level: loud', 'ssh:', '  hostname: Web_01', ''].join('\n');
  assert.deepEqual(messages(loadConfig({ cwd: workdir(yaml), env: {} })), [
    'phantomnet.yaml:2:16: general.sensor_name: must not be empty (got "")',
    'phantomnet.yaml:2:16: general.sensor_name: letters, digits, dot, dash and underscore only (got "")',
    'phantomnet.yaml:3:14: general.log_level: must be one of "debug", "info", "warn", "error" (got "loud")',
    'phantomnet.yaml:5:13: ssh.hostname: a lowercase host name label (got "Web_01")',
  ]);
});

test('a root that is not a mapping is a problem at line 1', () => {
  assert.deepEqual(messages(loadConfig({ cwd: workdir('- ssh\n- store\n'), env: {} })), ['phantomnet.yaml:1:1: expected a mapping, got a list']);
});

test('an invalid userdb regex is reported alongside a field error (zod alone would skip it)', () => {
  const yaml = ['ssh:', '  port: nope', 'auth:', '  users:', '    - { username: root, password: "/(/" }', ''].join('\n');
  const lines = messages(loadConfig({ cwd: workdir(yaml), env: {} }));
  assert.equal(lines.length, 2);
  assert.equal(lines[0], 'phantomnet.yaml:2:9: ssh.port: expected a number, got the string "nope"');
  assert.match(lines[1] ?? '', /^phantomnet\.yaml:5:35: auth\.users\[0\]\.password: not a valid regular expression: /);
});

test('loadConfigOrThrow throws PN_ERR_CONFIG_INVALID listing every problem, one per line', () => {
  const cwd = workdir('ssh:\n  port: 70000\n  bogus: 1\n');
  assert.throws(
    () => loadConfigOrThrow({ cwd, env: { PHANTOMNET_STORE_BATCH_SIZE: 'x' } }),
    (e: unknown) => {
      assert.ok(e instanceof PhantomError);
      assert.equal(e.code, 'PN_ERR_CONFIG_INVALID');
      assert.deepEqual(e.message.split('\n'), [
        'phantomnet.yaml:2:9: ssh.port: must be a port number 0-65535 (got 70000)',
        'phantomnet.yaml:3:3: ssh.bogus: unknown key',
        'environment PHANTOMNET_STORE_BATCH_SIZE: expected a number (got "x")',
      ]);
      return true;
    },
  );
  assert.equal(loadConfigOrThrow({ cwd: workdir(), env: {} }).ssh.port, 2222);
});

// ---------------------------------------------------------------- environment

test('env overrides reach keys with underscores at any depth, coerced to the key type, and win over the file', () => {
  const cwd = workdir('ssh:\n  port: 2200\n  enabled: true\nstore:\n  batch_size: 10\n');
  const config = okConfig(
    loadConfig({
      cwd,
      env: {
        PHANTOMNET_SSH_PORT: '2223',
        PHANTOMNET_SSH_ENABLED: 'no',
        PHANTOMNET_STORE_BATCH_SIZE: '100',
        PHANTOMNET_OUTPUTS_COWRIE_JSON_PATH: '/x',
        PHANTOMNET_OUTPUTS_COWRIE_JSON_ROTATE: 'NONE',
        PHANTOMNET_OUTPUTS_COWRIE_JSON_ENABLED: 'FALSE',
        PHANTOMNET_GENERAL_DATA_DIR: '/tmp/x',
        PHANTOMNET_SSH_MAX_CONNECTIONS_PER_SOURCE: '4',
        PHANTOMNET_AUTH_USERS: '[{"username":"root","password":"*"}]',
        PHANTOMNET_CONFIG: 'phantomnet.yaml',
        PATH: '/usr/bin',
      },
    }),
  );
  assert.equal(config.ssh.port, 2223);
  assert.equal(config.ssh.enabled, false);
  assert.equal(config.store.batch_size, 100);
  assert.equal(config.outputs.cowrie_json.path, '/x');
  assert.equal(config.outputs.cowrie_json.rotate, 'none');
  assert.equal(config.outputs.cowrie_json.enabled, false);
  assert.equal(config.general.data_dir, '/tmp/x');
  assert.equal(config.ssh.max_connections_per_source, 4);
  assert.equal(config.ssh.max_connections, 512);
  assert.deepEqual(config.auth.users, [{ username: 'root', password: '*' }]);
});

test('env names are matched case-insensitively; booleans accept 1/0 and yes/no', () => {
  const config = okConfig(loadConfig({ cwd: workdir(), env: { PHANTOMNET_ssh_Port: '22', PHANTOMNET_OUTPUTS_COWRIE_JSON_ENABLED: '0', PHANTOMNET_SSH_ENABLED: 'YES' } }));
  assert.equal(config.ssh.port, 22);
  assert.equal(config.outputs.cowrie_json.enabled, false);
  assert.equal(config.ssh.enabled, true);
});

test('bad env values and unknown env names are problems naming the variable', () => {
  const r = loadConfig({
    cwd: workdir('ssh:\n  port: 2200\n'),
    env: {
      PHANTOMNET_SSH_PORT: '70000',
      PHANTOMNET_SSH_PRT: '22',
      PHANTOMNET_SSH: 'x',
      PHANTOMNET_TOTALLY_UNRELATED: '1',
      PHANTOMNET_SSH_ENABLED: 'maybe',
      PHANTOMNET_BUS_QUEUE_CAPACITY: 'many',
      PHANTOMNET_GENERAL_LOG_LEVEL: 'loud',
      PHANTOMNET_AUTH_USERS: '[{"username":"root","pasword":"x"}]',
      PHANTOMNET_CONFIG: 'phantomnet.yaml',
    },
  });
  assert.deepEqual(new Set(messages(r)), new Set([
    'environment PHANTOMNET_SSH_PORT: must be a port number 0-65535 (got "70000")',
    'environment PHANTOMNET_SSH_PRT: matches no configuration key (did you mean PHANTOMNET_SSH_PORT?)',
    'environment PHANTOMNET_SSH: names a section, not a key (set one of its keys, e.g. PHANTOMNET_SSH_ENABLED)',
    'environment PHANTOMNET_TOTALLY_UNRELATED: matches no configuration key',
    'environment PHANTOMNET_SSH_ENABLED: expected true/false, 1/0 or yes/no (got "maybe")',
    'environment PHANTOMNET_BUS_QUEUE_CAPACITY: expected a number (got "many")',
    'environment PHANTOMNET_GENERAL_LOG_LEVEL: must be one of "debug", "info", "warn", "error" (got "loud")',
    'environment PHANTOMNET_AUTH_USERS: auth.users[0].password: is required (a string)',
    'environment PHANTOMNET_AUTH_USERS: auth.users[0].pasword: unknown key (did you mean password?)',
  ]));
  assert.ok(r.problems.every((p) => p.origin.kind === 'env'));
});

// ---------------------------------------------------------------- cross-field rules with two sensors

/** The real config plus a second TCP sensor, as the telnet sensor will add. */
const TwoSensorSchema = z.strictObject({ ...ConfigSchema.shape, telnet: SshConfigSchema.prefault({ port: 2323 }) }).superRefine((cfg, ctx) => {
  for (const p of crossFieldProblems(cfg, ['ssh', 'telnet'])) ctx.addIssue({ code: 'custom', path: p.path, message: p.message });
});
const twoSensors = (order: readonly string[] = ['ssh', 'telnet']): ConfigSpec<z.output<typeof TwoSensorSchema>> => ({
  schema: TwoSensorSchema,
  crossField: (cfg) => crossFieldProblems(cfg, order),
});

test('crossFieldProblems is generic over the sensor list and drives a schema refinement', () => {
  assert.equal(TwoSensorSchema.safeParse({}).success, true);
  const clash = TwoSensorSchema.safeParse({ telnet: { port: 2222 } });
  assert.equal(clash.success, false);
  assert.deepEqual(clash.error?.issues.map((i) => [i.path.join('.'), i.message]), [['telnet.port', 'port 2222 is already used by sensor ssh']]);
  // Different addresses may share a port unless one of them is the wildcard; a disabled sensor or port 0 never clashes.
  assert.equal(TwoSensorSchema.safeParse({ ssh: { host: '10.0.0.1' }, telnet: { host: '10.0.0.2', port: 2222 } }).success, true);
  assert.equal(TwoSensorSchema.safeParse({ ssh: { host: '10.0.0.1' }, telnet: { port: 2222 } }).success, false);
  assert.equal(TwoSensorSchema.safeParse({ telnet: { port: 2222, enabled: false } }).success, true);
  assert.equal(TwoSensorSchema.safeParse({ ssh: { port: 0 }, telnet: { port: 0 } }).success, true);
  // Partial data (a field that failed is left out) is skipped, not a crash.
  assert.deepEqual(crossFieldProblems({ ssh: { enabled: true, host: '0.0.0.0' }, telnet: 5, auth: { users: [undefined, { username: 3 }] } }, ['ssh', 'telnet']), []);
});

test('the real ConfigSchema still runs the cross-field rules itself', () => {
  const r = ConfigSchema.safeParse({ auth: { users: [{ username: 'root', password: '!/[/' }] } });
  assert.equal(r.success, false);
  assert.deepEqual(r.error?.issues.map((i) => i.path.join('.')), ['auth.users.0.password']);
  assert.match(r.error?.issues[0]?.message ?? '', /^not a valid regular expression: /);
});

test('two sensors on one port are reported together with type errors and unknown keys', () => {
  const yaml = ['ssh:', '  port: 2222', '  max_auth_tries: many', 'telnet:', '  port: 2222', '  bogus: true', ''].join('\n');
  const r = loadConfigWith(twoSensors(), { cwd: workdir(yaml), env: {} });
  assert.deepEqual(messages(r), [
    'phantomnet.yaml:3:19: ssh.max_auth_tries: expected a number, got the string "many"',
    'phantomnet.yaml:5:9: telnet.port: port 2222 is already used by sensor ssh',
    'phantomnet.yaml:6:3: telnet.bogus: unknown key',
  ]);
});

test('a clash on a port that comes from an env var or a default says so', () => {
  const cwd = workdir('telnet:\n  port: 2200\n');
  assert.deepEqual(messages(loadConfigWith(twoSensors(), { cwd, env: { PHANTOMNET_SSH_PORT: '2200' } })), [
    'phantomnet.yaml:2:9: telnet.port: port 2200 is already used by sensor ssh',
  ]);
  assert.deepEqual(messages(loadConfigWith(twoSensors(['telnet', 'ssh']), { cwd, env: { PHANTOMNET_SSH_PORT: '2200' } })), [
    'environment PHANTOMNET_SSH_PORT: port 2200 is already used by sensor telnet',
  ]);
  // ssh keeps its default port: point at the ssh section when the file has one, else say (default).
  const inFile = workdir('ssh:\n  host: 0.0.0.0\ntelnet:\n  port: 2222\n');
  assert.deepEqual(messages(loadConfigWith(twoSensors(['telnet', 'ssh']), { cwd: inFile, env: {} })), [
    'phantomnet.yaml:1:1: ssh.port: port 2222 is already used by sensor telnet',
  ]);
  const notInFile = workdir('telnet:\n  port: 2222\n');
  assert.deepEqual(messages(loadConfigWith(twoSensors(['telnet', 'ssh']), { cwd: notInFile, env: {} })), [
    '(default) ssh.port: port 2222 is already used by sensor telnet',
  ]);
});

test('a sensor whose own port is invalid is left out of the clash check instead of clashing on a default', () => {
  const yaml = 'ssh:\n  port: 99999\ntelnet:\n  port: 2222\n';
  assert.deepEqual(messages(loadConfigWith(twoSensors(), { cwd: workdir(yaml), env: {} })), ['phantomnet.yaml:2:9: ssh.port: must be a port number 0-65535 (got 99999)']);
});

// ---------------------------------------------------------------- paths

test('data_dir from the file is relative to the file; from env or default, to cwd; absolute kept', () => {
  const cwd = workdir();
  mkdirSync(join(cwd, 'etc'));
  writeFileSync(join(cwd, 'etc', 'pn.yaml'), 'general:\n  data_dir: ../var/pn\n');
  writeFileSync(join(cwd, 'etc', 'plain.yaml'), 'ssh:\n  port: 22\n');
  assert.equal(okConfig(loadConfig({ cwd, env: {}, file: 'etc/pn.yaml' })).general.data_dir, join(cwd, 'var', 'pn'));
  assert.equal(okConfig(loadConfig({ cwd, env: {}, file: 'etc/plain.yaml' })).general.data_dir, join(cwd, 'data'));
  assert.equal(okConfig(loadConfig({ cwd, env: { PHANTOMNET_GENERAL_DATA_DIR: 'd' }, file: 'etc/pn.yaml' })).general.data_dir, join(cwd, 'd'));
  writeFileSync(join(cwd, 'etc', 'abs.yaml'), 'general:\n  data_dir: /srv/pn\n');
  assert.equal(okConfig(loadConfig({ cwd, env: {}, file: 'etc/abs.yaml' })).general.data_dir, '/srv/pn');
});

test('resolveDataPath puts relative paths inside data_dir and keeps absolute ones', () => {
  const config = okConfig(loadConfig({ cwd: workdir(), env: { PHANTOMNET_GENERAL_DATA_DIR: '/srv/pn' } }));
  assert.equal(resolveDataPath(config, config.store.path), '/srv/pn/phantomnet.sqlite');
  assert.equal(resolveDataPath(config, 'logs/cowrie.json'), '/srv/pn/logs/cowrie.json');
  assert.equal(resolveDataPath(config, '/var/log/x.json'), '/var/log/x.json');
  assert.equal(resolvedDataDir(config), '/srv/pn');
  // A config not built by the loader: data_dir is taken from the working directory.
  assert.equal(resolvedDataDir(ConfigSchema.parse({})), resolve('data'));
});

// ---------------------------------------------------------------- hints and docs

test('did-you-mean: transpositions count once, short or distant inputs get no hint', () => {
  assert.equal(editDistance('prot', 'port'), 1);
  assert.equal(editDistance('batchsize', 'batch_size'), 1);
  assert.equal(closest('prot', ['host', 'port']), 'port');
  assert.equal(closest('Port', ['port']), 'port');
  assert.equal(closest('xy', ['ssh', 'bus']), undefined);
  assert.equal(closest('bogus', ['port', 'host', 'enabled']), undefined);
});

test('docs/configuration.md documents every key with its exact default, type and variable, and no stale key', () => {
  const docs = readFileSync(fileURLToPath(new URL('../../docs/configuration.md', import.meta.url)), 'utf8');
  const rows = new Map<string, string[]>();
  for (const line of docs.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const key = /^`([a-z_.]+)`$/.exec(cells[1] ?? '')?.[1];
    if (key !== undefined && cells.length >= 7 && key.includes('.')) rows.set(key, cells.slice(2, 6));
  }
  const leaves = leafPaths(ConfigSchema);
  for (const leaf of leaves) {
    const key = leaf.path.join('.');
    const row = rows.get(key);
    assert.ok(row, `docs/configuration.md has no table row for ${key}`);
    const [type, def, variable] = row;
    assert.equal(variable, `\`${envVarName(leaf.path)}\``, `${key}: environment variable`);
    assert.equal(type, describeType(leaf.schema), `${key}: type`);
    const value = defaultOf(leaf.schema);
    if (Array.isArray(value)) {
      for (const rule of value as { username: string; password: string }[]) {
        assert.ok(docs.includes(`{ username: ${rule.username}, password: ${/^[a-z0-9]+$/i.test(rule.password) ? rule.password : JSON.stringify(rule.password)} }`), `${key}: default rule ${JSON.stringify(rule)} not listed`);
      }
    } else if (value === undefined) {
      // No fixed default: filled from the instance identity (instance.json) at start.
      assert.equal(def, '(instance)', `${key}: default`);
    } else {
      assert.equal(def, `\`${String(value)}\``, `${key}: default`);
    }
  }
  const known = new Set(leaves.map((l) => l.path.join('.')));
  assert.deepEqual([...rows.keys()].filter((k) => !known.has(k)), [], 'docs document keys the schema does not have');
});

/** The Type column as the docs write it. */
function describeType(schema: z.core.$ZodType): string {
  const s = unwrap(schema);
  if (s instanceof z.ZodNumber) return `${s.isInt ? 'integer' : 'number'} ${String(s.minValue)} to ${String(s.maxValue)}`;
  if (s instanceof z.ZodEnum) return `one of ${s.options.join(', ')}`;
  if (s instanceof z.ZodBoolean) return 'boolean';
  if (s instanceof z.ZodString) return 'string';
  if (s instanceof z.ZodArray) return 'list of rules';
  return 'unknown';
}
