import { test } from 'node:test';
import assert from 'node:assert/strict';
import { debianShell, out } from '../system/test-shell.js';

test('cat: stdin, -n numbering, system files, and the missing-file text with status 1', async () => {
  assert.equal(await out('echo Hi | cat -n'), '     1\tHi\n');
  assert.equal(await out('printf "a\\nb" | cat -n'), '     1\ta\n     2\tb');
  const s = debianShell();
  assert.equal((await s.run('cat /nope')).output, 'cat: /nope: No such file or directory\n');
  assert.equal(s.lastStatus, 1);
  assert.equal(await out('cat /proc'), 'cat: /proc: Is a directory\n');
  assert.equal(await out('cat /etc/debian_version'), '12.11\n');
});

test('grep: -i -v -c -E -o -w -n, BRE groups and bracket classes, exit 1 on no match and 2 on a missing file', async () => {
  const s = debianShell();
  const lines = `printf 'Miner one\\nminer two\\nother\\nMINER3\\n'`;
  assert.equal(await out(`${lines} | grep '[Mm]iner'`, s), 'Miner one\nminer two\n');
  assert.equal(await out(`${lines} | grep -i miner`, s), 'Miner one\nminer two\nMINER3\n');
  assert.equal(await out(`${lines} | grep -vc miner`, s), '3\n');
  assert.equal(await out(`${lines} | grep -E 'one|two'`, s), 'Miner one\nminer two\n');
  assert.equal(await out(`${lines} | grep 'one\\|two'`, s), 'Miner one\nminer two\n');
  assert.equal(await out(`${lines} | grep -o '[[:upper:]]\\+'`, s), 'M\nMINER\n');
  assert.equal(await out(`${lines} | grep -w -i miner`, s), 'Miner one\nminer two\n');
  assert.equal(await out(`${lines} | grep -n other`, s), '3:other\n');
  assert.equal(await out(`echo 'a(b)' | grep '(b)'`, s), 'a(b)\n');
  assert.equal(await out(`echo 'aab' | grep -o 'a\\{2\\}'`, s), 'aa\n');
  assert.equal((await s.run('echo x | grep y')).status, 1);
  assert.equal((await s.run('grep x /nope')).output, 'grep: /nope: No such file or directory\n');
  assert.equal(s.lastStatus, 2);
});

test('wc: counts and padding as coreutils prints them', async () => {
  assert.equal(await out('echo hello world | wc'), '      1       2      12\n');
  assert.equal(await out('echo hello world | wc -l'), '1\n');
  assert.equal(await out('echo hello world | wc -w -c'), '      2      12\n');
  assert.equal(await out('printf x | wc -l'), '0\n');
  assert.equal(await out('wc -l /etc/hostname'), '1 /etc/hostname\n');
});

test('head and tail: -n N, -N, -n +K, -c', async () => {
  const seq = `printf '1\\n2\\n3\\n4\\n5\\n'`;
  assert.equal(await out(`${seq} | head -n 2`), '1\n2\n');
  assert.equal(await out(`${seq} | head -3`), '1\n2\n3\n');
  assert.equal(await out(`${seq} | head -n -4`), '1\n');
  assert.equal(await out(`${seq} | tail -n 2`), '4\n5\n');
  assert.equal(await out(`${seq} | tail -1`), '5\n');
  assert.equal(await out(`${seq} | tail -n +4`), '4\n5\n');
  assert.equal(await out(`${seq} | head -c 3`), '1\n2');
  assert.equal(await out('head -n x /etc/hostname'), "head: invalid number of lines: ‘x’\n");
});

test('awk: fields, -F, NR/FNR patterns, regex patterns, BEGIN/END, printf, arithmetic', async () => {
  assert.equal(await out(`echo 'a b c' | awk '{print $2 ,$3, NF}'`), 'b c 3\n');
  assert.equal(await out(`printf 'x\\ny\\nz\\n' | awk 'FNR == 2 {print $1;}'`), 'y\n');
  assert.equal(await out(`printf 'x\\ny\\nz\\n' | awk 'NR>1'`), 'y\nz\n');
  assert.equal(await out(`echo 'root:x:0:0' | awk -F: '{print $1 "-" $3}'`), 'root-0\n');
  assert.equal(await out(`printf 'a 1\\nb 2\\nc 3\\n' | awk '/b|c/ {s += $2} END {print s, NR}'`), '5 3\n');
  assert.equal(await out(`echo 'k v' | awk '$1 ~ /^k/ && NF == 2 {printf "%s=%5.2f|%-3s|\\n", $2, 3.14159, "x"}'`), 'v= 3.14|x  |\n');
  assert.equal(await out(`awk 'BEGIN {x = 7 % 3; print x * 2, length("abc"), toupper("q")}'`), '2 3 Q\n');
  assert.equal(await out(`echo 'a b c' | awk '{print $NF; print $(NF-1)}'`), 'c\nb\n');
});

test("awk: a program outside the subset (or a typo) gets mawk's syntax error and status 2", async () => {
  const s = debianShell();
  assert.equal((await s.run(`awk '{print $1'`)).output, 'awk: line 1: syntax error at or near end of file\n');
  assert.equal(s.lastStatus, 2);
  assert.equal(await out(`echo a | awk '{ getline x; print x }'`), 'awk: line 1: syntax error at or near getline\n');
});

test('cut: -d -f, -c ranges, lines without the delimiter', async () => {
  assert.equal(await out(`echo '12345.67 89.1' | cut -d. -f1`), '12345\n');
  assert.equal(await out(`echo 'a:b:c:d' | cut -d: -f2,4`), 'b:d\n');
  assert.equal(await out(`echo 'a:b:c:d' | cut -d: -f2-`), 'b:c:d\n');
  assert.equal(await out(`echo abcdef | cut -c2-4`), 'bcd\n');
  assert.equal(await out(`echo nodelim | cut -d: -f2`), 'nodelim\n');
  assert.equal(await out('echo x | cut'), "cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.\n");
});

test('the bots /proc/uptime probe with its stray "2": cat complains about the file "2", as on a real host', async () => {
  assert.equal(await out('cat /proc/uptime 2 > /dev/null | cut -d. -f1'), 'cat: 2: No such file or directory\n');
  assert.match(await out('cat /proc/uptime | cut -d. -f1'), /^\d+\n$/);
});

test('printf, env, printenv, history', async () => {
  assert.equal(await out(`printf '%s-%05d-%x\\n' a 42 255`), 'a-00042-ff\n');
  assert.equal(await out('printf "%s\\n" a b'), 'a\nb\n');
  assert.match(await out('env | head -10'), /^HOME=\/root\n(.*\n)*PATH=\/usr\/local\/sbin:/);
  assert.equal(await out('export FOO=bar; printenv FOO'), 'bar\n');
  assert.equal(await out('history | tail -5'), '');
});

test('attacker patterns cannot stall the process: catastrophic backtracking runs on the linear engine', async () => {
  const s = debianShell();
  const evil = 'a'.repeat(5000) + 'b';
  assert.equal(await out(`echo ${evil} | grep -cE '(a+)+$'`, s), '0\n');
  assert.equal(await out(`echo ${evil} | grep -c '\\(a*\\)*c'`, s), '0\n');
  assert.equal(await out(`echo ${evil} | awk '/(a|aa)*c/ {print "hit"} END {print "done"}'`, s), 'done\n');
  assert.equal(await out(`echo abab | grep -o '\\(ab\\)\\1'`, s), 'abab\n', 'back-references still work');
  assert.equal(await out(`echo 'a foo b' | grep -ow 'foo'`, s), 'foo\n');
});

test("uname with the bots' stray operand says what coreutils says", async () => {
  assert.equal(await out('uname -s -v -n -m 2 > /dev/null'), "uname: extra operand ‘2’\nTry 'uname --help' for more information.\n");
  assert.match(await out('/bin/./uname -s -v -n -r -m'), /^Linux web-prod-02 6\.1\.0-37-amd64 #1 SMP .* x86_64\n$/);
});

test('sort, uniq, tr, tee, seq, basename, dirname, arch, type, cp and mv', async () => {
  assert.equal(await out(`printf 'b\\na\\nb\\nc\\n' | sort | uniq -c`), '      1 a\n      2 b\n      1 c\n');
  assert.equal(await out(`printf '10\\n9\\n100\\n' | sort -nr`), '100\n10\n9\n');
  assert.equal(await out(`printf 'x 2\\ny 1\\n' | sort -k2`), 'y 1\nx 2\n');
  assert.equal(await out(`printf 'a\\na\\nb\\n' | uniq -d`), 'a\n');
  assert.equal(await out('echo Hello | tr a-z A-Z'), 'HELLO\n');
  assert.equal(await out(`echo 'a  b' | tr -s ' '`), 'a b\n');
  assert.equal(await out('echo hello | tr -d l'), 'heo\n');
  assert.equal(await out('echo x | tee /tmp/y'), 'x\n');
  assert.equal(await out('seq 3; seq 5 -2 1'), '1\n2\n3\n5\n3\n1\n');
  assert.equal(await out('basename /usr/bin/ls; basename x.sh .sh; dirname /usr/bin/ls; dirname x'), 'ls\nx\n/usr/bin\n.\n');
  assert.equal(await out('arch'), 'x86_64\n');
  assert.equal(await out('type export ls if nope'), 'export is a shell builtin\nls is /usr/bin/ls\nif is a shell keyword\nbash: line 1: type: nope: not found\n');
  assert.equal(await out('cp a'), "cp: missing destination file operand after 'a'\nTry 'cp --help' for more information.\n");
  assert.equal(await out('mv a b; echo $?'), "mv: cannot stat 'a': No such file or directory\n1\n");
  assert.equal(await out('touch a; mv a b; echo $?; ls a b'), "0\nls: cannot access 'a': No such file or directory\nb\n");
});

test("awk reads files and names a missing one as mawk does", async () => {
  assert.equal(await out(`awk -F: 'NR==1 {print $1, $7}' /etc/passwd`), 'root /bin/bash\n');
  assert.equal(await out(`awk '{print}' /nope`), 'awk: cannot open /nope (No such file or directory)\n');
});
