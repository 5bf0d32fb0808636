// Recognises the remote end of legacy scp in an exec request (`scp [-r] [-p] [-d] -t|-f [--] path...`),
// the way OpenSSH's scp client asks for it (`scp -O`); anything else stays a shell command.

export interface ScpCommand {
  mode: 'sink' | 'source';
  recursive: boolean;
  preserve: boolean;
  /** -d: the target must be a directory. */
  targetIsDir: boolean;
  paths: string[];
}

/** getopt's "12346ABCTdfOpqRrstvD:F:J:P:S:c:i:l:o:X:": the options taking a value. */
const WITH_VALUE = new Set('DFJPSciloX'.split(''));
const FLAGS = new Set('12346ABCTdfOpqRrstv'.split(''));

export function parseScpCommand(line: string): ScpCommand | undefined {
  const words = splitWords(line);
  if (!words || (words[0] !== 'scp' && words[0] !== '/usr/bin/scp' && words[0] !== '/bin/scp')) return undefined;
  const cmd: ScpCommand = { mode: 'sink', recursive: false, preserve: false, targetIsDir: false, paths: [] };
  let sink = false;
  let source = false;
  let i = 1;
  for (; i < words.length; i++) {
    const w = words[i] as string;
    if (w === '--') {
      i++;
      break;
    }
    if (!w.startsWith('-') || w === '-') break;
    for (let j = 1; j < w.length; j++) {
      const c = w[j] as string;
      if (WITH_VALUE.has(c)) {
        if (j === w.length - 1) i++;
        break;
      }
      if (!FLAGS.has(c)) return undefined;
      if (c === 't') sink = true;
      if (c === 'f') source = true;
      if (c === 'r') cmd.recursive = true;
      if (c === 'p') cmd.preserve = true;
      if (c === 'd') cmd.targetIsDir = true;
    }
  }
  // scp runs as a source when -f is given, even with -t (main() tests fflag first).
  if (!sink && !source) return undefined;
  cmd.mode = source ? 'source' : 'sink';
  cmd.paths = words.slice(i);
  return cmd;
}

/** Shell-like word splitting with quotes and backslashes; undefined for anything a shell would do more with. */
function splitWords(line: string): string[] | undefined {
  const out: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (c === "'" || c === '"') {
      const end = line.indexOf(c, i + 1);
      if (end === -1) return undefined;
      cur += line.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (c === '\\' && i + 1 < line.length) {
      cur += line[++i];
      inWord = true;
    } else if (c === ' ' || c === '\t') {
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
    } else if (';&|<>`$\n'.includes(c)) {
      return undefined;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) out.push(cur);
  return out;
}
