// Tiny Markdown helpers shared by the report renderers (tables and number formatting).

/** Formats a number for a report: fixed decimals, 'n/a' for NaN. */
export function fmt(v: number, digits = 4): string {
  return Number.isFinite(v) ? v.toFixed(digits) : 'n/a';
}

/** A GitHub-flavoured Markdown table; cells are escaped for pipes. */
export function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const esc = (c: string | number): string => String(c).replace(/\|/g, '\\|');
  return [
    `| ${header.map(esc).join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}
