// A small POSIX-ish command-line splitter: quotes, backslashes and the ; && || | connectors.
// The full parser (substitutions, redirections, variables) replaces it with the deep shell.

export type Connector = ';' | '&&' | '||' | '|';

export interface SimpleCommand {
  words: string[];
  /** How this command joins the next one; undefined for the last. */
  next?: Connector;
}

/** Split one input line; unbalanced quotes end the line as bash would at end of input. */
export function splitCommandLine(line: string): SimpleCommand[] {
  const out: SimpleCommand[] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  const endWord = (): void => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endCommand = (next?: Connector): void => {
    endWord();
    if (words.length > 0 || next) out.push(next ? { words, next } : { words });
    words = [];
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      word += line.slice(i + 1, end === -1 ? line.length : end);
      i = end === -1 ? line.length : end;
      inWord = true;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && j + 1 < line.length && '"\\$`'.includes(line[j + 1]!)) j++;
        word += line[j];
      }
      i = j;
      inWord = true;
    } else if (c === '#' && !inWord) {
      break;
    } else if (c === ' ' || c === '\t') {
      endWord();
    } else if (c === ';' || c === '\n') {
      endCommand(';');
    } else if (c === '&' && line[i + 1] === '&') {
      endCommand('&&');
      i++;
    } else if (c === '|' && line[i + 1] === '|') {
      endCommand('||');
      i++;
    } else if (c === '|') {
      endCommand('|');
    } else {
      word += c;
      inWord = true;
    }
  }
  endCommand();
  return out.filter((c) => c.words.length > 0);
}
