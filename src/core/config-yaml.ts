// Parses the YAML config keeping the source positions, so any problem can be pinned to a file line and column.
import { isAlias, isMap, isNode, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node } from 'yaml';
import { makeProblem } from './config-problems.js';
import type { ConfigProblem } from './config-problems.js';

export interface Position {
  line: number;
  column: number;
  /** False when the key itself is absent and this is its nearest parent present in the file. */
  exact: boolean;
}

export interface YamlConfig {
  /** Plain data ({} for an empty file); undefined when the YAML did not parse. */
  data: unknown;
  /** Syntax errors, each with its line. */
  problems: ConfigProblem[];
  /**
   * Where `path` is written: its value (`at: 'value'`) or its key (`at: 'key'`, for unknown keys).
   * Null when not even the first key of the path is in the file.
   */
  locate(path: readonly PropertyKey[], at: 'key' | 'value'): Position | null;
}

export function parseYamlConfig(text: string, file: string): YamlConfig {
  // One LineCounter per document: it accumulates line starts as the parser feeds it.
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const at = (offset: number) => {
    const p = lines.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const problems = doc.errors.map((e) => {
    // The parser's own wording for this one addresses programmers ("use parseAllDocuments").
    const message = e.code === 'MULTIPLE_DOCS' ? 'the file holds more than one YAML document (a second ---)' : e.message;
    return makeProblem('PN_ERR_CONFIG_READ', { kind: 'file', file, ...at(e.pos[0]) }, '', `YAML syntax: ${message}`);
  });
  const data: unknown = problems.length > 0 ? undefined : (doc.toJS() ?? {});
  return {
    data,
    problems,
    locate(path, target) {
      const found = walk(doc, path);
      if (found === null) return null;
      const node = found.exact && target === 'value' ? (found.value ?? found.key) : found.key;
      const offset = node?.range?.[0];
      return offset === undefined ? null : { ...at(offset), exact: found.exact };
    },
  };
}

/** The deepest node along `path`: the key that names it and its value node. */
function walk(doc: Document, path: readonly PropertyKey[]): { key: Node | null; value: Node | null; exact: boolean } | null {
  let value: unknown = doc.contents;
  let key: Node | null = isNode(value) ? value : null;
  let depth = 0;
  for (const seg of path) {
    if (isAlias(value)) value = value.resolve(doc);
    let next: { key: unknown; value: unknown } | undefined;
    if (isMap(value)) {
      next = value.items.find((pair) => (isScalar(pair.key) ? String(pair.key.value) : String(pair.key)) === String(seg));
    } else if (isSeq(value) && typeof seg === 'number') {
      const item: unknown = value.items[seg];
      next = item === undefined ? undefined : { key: item, value: item };
    }
    if (next === undefined) break;
    key = isNode(next.key) ? next.key : null;
    value = next.value;
    depth++;
  }
  if (path.length > 0 && depth === 0) return null;
  return { key, value: isNode(value) ? value : null, exact: depth === path.length };
}
