import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'vitest';
import { emitDocuments } from '../../src/render/emit.ts';
import { outputsOf, publicNames, readPages, where } from './doc-blocks.ts';
import { writeWorkspace } from './doc-workspace.ts';
const repo = path.resolve(import.meta.dirname, '..', '..');
test('dump', async () => {
  const pages = readPages(path.join(repo, 'docs')).filter((p) => p.page === process.env.PAGE);
  const ws = writeWorkspace(pages, repo, publicNames(readFileSync(path.join(repo, 'src/index.ts'), 'utf8')));
  mkdirSync('/tmp/actual', { recursive: true });
  for (const { output, sample } of pages.flatMap((p) => outputsOf(p.blocks))) {
    const s = ws.snippets.find((x) => x.block === sample);
    if (!s) continue;
    try {
      const mod = await import(s.runFile);
      const vals = [...sample.body.matchAll(/^export const (\w+)/gm)].map((m) => mod[m[1]!]);
      writeFileSync(`/tmp/actual/${output.line}.yaml`, emitDocuments(vals));
    } catch (e) { console.log(where(sample), String(e)); }
  }
});
