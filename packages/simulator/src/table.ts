/** Plain Markdown tables, readable both in a terminal and in the docs. */

/** Renders a header and rows as a Markdown table; `align` marks right-aligned columns. */
export function markdownTable(
  header: string[],
  rows: string[][],
  rightAligned: number[] = [],
): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const rule = header.map((_, i) => (rightAligned.includes(i) ? '---:' : '---'));
  return [line(header), line(rule), ...rows.map(line)].join('\n');
}
