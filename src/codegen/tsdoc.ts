/**
 * TSDoc comments in generated code, from schema descriptions.
 */

/**
 * A `/** ... *\/` block for `paragraphs` (each may hold several lines), indented by `indent`;
 * '' when there is no text. `*\/` inside the text is escaped so it cannot end the comment.
 */
export function docComment(paragraphs: readonly (string | undefined)[], indent = ''): string {
  const lines: string[] = [];
  for (const paragraph of paragraphs) {
    if (paragraph === undefined || paragraph.trim() === '') continue;
    if (lines.length) lines.push('');
    lines.push(
      ...paragraph
        .replace(/\r\n?/g, '\n')
        .trim()
        .split('\n')
        .map((l) => l.trimEnd().replace(/\*\//g, '*\\/')),
    );
  }
  if (lines.length === 0) return '';
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((l) => (l === '' ? `${indent} *` : `${indent} * ${l}`)).join('\n')}\n${indent} */\n`;
}
