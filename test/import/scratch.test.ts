import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'vitest';
import { importAndRender, parseObjects } from './harness.ts';
import { diffObjects, formatDiffs } from '../../src/import/compare.ts';

test('scratch', async () => {
  const base = path.join(import.meta.dirname, '..', 'conformance', 'transforms');
  for (const name of (process.env.CASE ? [process.env.CASE] : readdirSync(base))) {
    const dir = path.join(base, name);
    if (!existsSync(path.join(dir, 'expected.yaml'))) { console.log(name, 'no expected'); continue; }
    const got = await importAndRender(['.'], dir);
    if (process.env.CASE) for (const [f, c] of got.result.files) if (f.endsWith('.ts')) console.log(`--- ${f}\n${c}`);
    let out = `${name}: findings ${got.result.findings.map((f) => f.code + ' ' + f.message).join('; ')} render ${got.renderFindings.map((f) => f.message).join('; ')}\n`;
    for (const env of got.result.environments) {
      const d = diffObjects(parseObjects(readFileSync(path.join(dir, 'expected.yaml'), 'utf8')), got.rendered.get(env.name) ?? []);
      out += formatDiffs(env.name, d) || 'ZERO DIFF';
    }
    console.log(out);
  }
}, 120000);
