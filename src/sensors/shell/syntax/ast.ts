// The shape of parsed bash input: lists of and-or chains of pipelines of simple and compound commands,
// with words kept as parts so expansion can honour quoting.

/** ${name<op>arg}: the operator after the name, as bash spells it. */
export type ParamOp =
  | ':-' | '-' | ':=' | '=' | ':+' | '+' | ':?' | '?'
  | '#' | '##' | '%' | '%%'
  | '/' | '//' | '/#' | '/%'
  | '^' | '^^' | ',' | ',,'
  | 'length' | 'substring' | 'indirect';

/** A piece of a word; `quoted` parts are not field-split or glob-expanded. */
export type WordPart =
  | { kind: 'text'; value: string; quoted: boolean }
  | {
      kind: 'param';
      name: string;
      quoted: boolean;
      op?: ParamOp;
      /** The word after the operator (default, pattern, offset). */
      arg?: Word;
      /** The replacement of ${v/p/r}, or the length of ${v:o:l}. */
      arg2?: Word;
      /** Text of a ${...} bash rejects when it expands it ("bad substitution"). */
      bad?: string;
    }
  | { kind: 'command'; list: List; quoted: boolean }
  | { kind: 'arith'; expr: Word; quoted: boolean };

export interface Word {
  parts: WordPart[];
}

export type RedirectOp = '>' | '>>' | '>|' | '<' | '<>' | '>&' | '<&' | '<<<' | '<<' | '<<-';

export interface Redirect {
  /** The descriptor redirected; -1 for &> and &>> (stdout and stderr together). */
  fd: number;
  op: RedirectOp;
  /** The file, descriptor or here-string; for << the delimiter as written. */
  target: Word;
  /** For << and <<-: the document, already split off the input (quoted delimiter: one literal part). */
  heredoc?: Word;
}

interface Base {
  /** The line (1-based) the command starts on, for bash's "line N:" prefixes. */
  line: number;
  redirects: Redirect[];
}

export interface SimpleCommand extends Base {
  kind: 'simple';
  assignments: { name: string; value: Word; append?: boolean }[];
  words: Word[];
}

export interface Subshell extends Base {
  kind: 'subshell' | 'group';
  list: List;
}

export interface IfCommand extends Base {
  kind: 'if';
  clauses: { cond: List; body: List }[];
  elseBody?: List;
}

export interface LoopCommand extends Base {
  kind: 'while' | 'until';
  cond: List;
  body: List;
}

export interface ForCommand extends Base {
  kind: 'for';
  name: string;
  /** Absent: `for x; do` iterates over "$@". */
  words?: Word[];
  body: List;
}

export interface ArithForCommand extends Base {
  kind: 'arith-for';
  init: Word;
  cond: Word;
  step: Word;
  body: List;
}

export interface CaseItem {
  patterns: Word[];
  body: List;
  /** ;; stops, ;& falls through to the next body, ;;& tests the next patterns. */
  terminator: ';;' | ';&' | ';;&';
}

export interface CaseCommand extends Base {
  kind: 'case';
  word: Word;
  items: CaseItem[];
}

export interface FunctionDef extends Base {
  kind: 'function';
  name: string;
  body: Command;
}

/** The expression inside [[ ... ]]. */
export type CondExpr =
  | { kind: 'and' | 'or'; left: CondExpr; right: CondExpr }
  | { kind: 'not'; expr: CondExpr }
  | { kind: 'unary'; op: string; arg: Word }
  | { kind: 'binary'; op: string; left: Word; right: Word }
  | { kind: 'word'; word: Word };

export interface CondCommand extends Base {
  kind: 'cond';
  expr: CondExpr;
}

/** (( expression )) */
export interface ArithCommand extends Base {
  kind: 'arith';
  expr: Word;
  /** The expression as written, for bash's "((: expr: error" messages. */
  raw: string;
}

export type Command = SimpleCommand | Subshell | IfCommand | LoopCommand | ForCommand | ArithForCommand | CaseCommand | FunctionDef | CondCommand | ArithCommand;

export interface Pipeline {
  commands: Command[];
  negated: boolean;
  /** `time pipeline`: bash reports the times on stderr afterwards. */
  timed?: boolean;
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
