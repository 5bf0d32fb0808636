// The shape of a parsed command line: lists of and-or chains of pipelines of simple commands,
// with words kept as parts so expansion can honour quoting.

/** A piece of a word; `quoted` parts are not field-split or glob-expanded. */
export type WordPart =
  | { kind: 'text'; value: string; quoted: boolean }
  | { kind: 'param'; name: string; quoted: boolean }
  | { kind: 'command'; list: List; quoted: boolean };

export interface Word {
  parts: WordPart[];
}

export type RedirectOp = '>' | '>>' | '<' | '>&' | '<&' | '<<<';

export interface Redirect {
  fd: number;
  op: RedirectOp;
  target: Word;
}

export interface SimpleCommand {
  kind: 'simple';
  assignments: { name: string; value: Word }[];
  words: Word[];
  redirects: Redirect[];
}

export interface Subshell {
  kind: 'subshell' | 'group';
  list: List;
  redirects: Redirect[];
}

export type Command = SimpleCommand | Subshell;

export interface Pipeline {
  commands: Command[];
  negated: boolean;
}

export interface AndOr {
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
  /** Ended with `&`: bash runs it in the background and prints a job line. */
  background: boolean;
}

export interface List {
  items: AndOr[];
}
