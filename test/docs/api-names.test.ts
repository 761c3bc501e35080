/**
 * docs/api.md documents every export: each name of each entry point appears in code (a code
 * span, a code block or a heading) in a section of that entry point. A section (`## …`) says
 * which entry point it is about in its first line of text: "From `kasane/pipeline`".
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { entryPoints } from '../helpers/entry-points.ts';
import { publicNames } from './doc-blocks.ts';

const api = readFileSync(path.resolve(import.meta.dirname, '../../docs/api.md'), 'utf8');

/** The code of each `## ` section of api.md (code spans, code blocks, headings), by the entry point it names. */
function codeByEntryPoint(): Map<string, string> {
  const out = new Map<string, string>();
  for (const section of api.split(/^(?=## )/m).slice(1)) {
    const from = /^From `([^`]+)`/m.exec(section)?.[1];
    if (!from) continue;
    const code = [...section.matchAll(/```[^\n]*\n([\s\S]*?)```|`([^`\n]+)`|^#+ (.+)$/gm)].map((m) => m[1] ?? m[2] ?? m[3]).join('\n');
    out.set(from, `${out.get(from) ?? ''}\n${code}`);
  }
  return out;
}

describe('docs/api.md', () => {
  const code = codeByEntryPoint();

  test('has sections for every entry point and for no other', () => {
    expect([...code.keys()].sort()).toEqual(
      entryPoints()
        .map((e) => e.specifier)
        .sort(),
    );
  });

  test.each(entryPoints().map((e) => [e.specifier, e.file] as const))('names every export of %s in its sections', (specifier, file) => {
    const { values, types } = publicNames(readFileSync(file, 'utf8'));
    const text = code.get(specifier) ?? '';
    const missing = [...values, ...types].filter((name) => !new RegExp(`(^|[^\\w$])${name.replace(/\$/g, '\\$')}($|[^\\w$])`).test(text));
    expect(missing).toEqual([]);
  });
});
