// EVAL answered without Lua: the sandbox errors Redis 7 gives for the usual exploit scripts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { evalReply } from './eval.js';

const sha = (s: string) => createHash('sha1').update(s).digest('hex');

test('CVE-2022-0543 style payloads hit the missing package global, with the line and script sha', () => {
  const script = '-- package in a comment\nlocal x = "os"\nlocal io_l = package.loadlib("/usr/lib/x86_64-linux-gnu/liblua5.1.so.0", "luaopen_io")';
  assert.equal(
    evalReply(Buffer.from(script)).toString(),
    `-ERR user_script:3: Script attempted to access nonexistent global variable 'package' script: ${sha(script)}, on @user_script:3.\r\n`,
  );
  assert.match(evalReply(Buffer.from('return os.execute("id")')).toString(), /global variable 'os' script: [0-9a-f]{40}, on @user_script:1\.\r\n$/);
});

test('constant returns are answered; other scripts get nil', () => {
  assert.equal(evalReply(Buffer.from('return 42')).toString(), ':42\r\n');
  assert.equal(evalReply(Buffer.from("return 'hi'")).toString(), '$2\r\nhi\r\n');
  assert.equal(evalReply(Buffer.from("redis.call('set','a','b')")).toString(), '$-1\r\n');
  assert.equal(evalReply(Buffer.from('local os = 1 return os')).toString(), '$-1\r\n');
});
