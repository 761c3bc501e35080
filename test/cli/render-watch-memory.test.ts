import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect, test } from 'vitest';
import { run } from '../../src/cli/main.ts';
import { smallProject } from '../helpers/project.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Memory that survives a full collection: this process's heap and its resident set, in MiB. */
function retained(): { heap: number; rss: number } {
  for (let i = 0; i < 3; i++) gc();
  const { heapUsed, rss } = process.memoryUsage();
  return { heap: heapUsed / 2 ** 20, rss: rss / 2 ** 20 };
}

/** A module of about 1 MiB of data that every environment imports: each reload loads it again. */
function catalog(generation: number): string {
  const rows = Array.from({ length: 5_000 }, (_, i) => `  { name: 'item-${i}', image: 'registry.example.com/team-${i % 50}/item-${i}:${generation}', port: ${8000 + (i % 1000)} },`);
  return `export const generation = ${generation};\nexport const catalog = [\n${rows.join('\n')}\n];\n`;
}

const SAVES = 20;

test(`render --watch frees what each reload loaded: ${SAVES} saves keep memory flat`, async () => {
  const dir = smallProject({
    'components/catalog.ts': catalog(0),
    'environments/dev.ts': `
      import { defineEnvironment } from 'kasane';
      import api from '../components/api.ts';
      import { catalog, generation } from '../components/catalog.ts';

      export default defineEnvironment({ name: 'dev', namespace: 'dev', components: [api.with({ replicas: 1 + generation, image: catalog[generation]!.image })] });
    `,
  });
  const controller = new AbortController();
  let stderr = '';
  const idle = () => stderr.endsWith('for changes (Ctrl-C to stop)\n');
  const exited = run(['render', '--watch'], { stdout: () => undefined, stderr: (t) => (stderr += t), cwd: dir, env: {}, signal: controller.signal });
  const deployment = path.join(dir, 'rendered/dev/api/deployment-api.yaml');
  const replicas = () => {
    try {
      return Number(/replicas: (\d+)/.exec(readFileSync(deployment, 'utf8'))?.[1]);
    } catch {
      return NaN; // between the two renames of a swap
    }
  };
  const until = async (what: string, ready: () => boolean) => {
    const start = Date.now();
    while (!ready()) {
      if (Date.now() - start > 60_000) throw new Error(`timed out waiting for ${what}; stderr:\n${stderr.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  let before: { heap: number; rss: number };
  let after: { heap: number; rss: number };
  try {
    // Two generations first: what a reload needs at all (compiled kasane, its caches) is loaded.
    for (const generation of [0, 1]) {
      if (generation > 0) writeFileSync(path.join(dir, 'components/catalog.ts'), catalog(generation));
      await until(`generation ${generation}`, () => idle() && replicas() === generation + 1);
    }
    before = retained();
    for (let generation = 2; generation < 2 + SAVES; generation++) {
      writeFileSync(path.join(dir, 'components/catalog.ts'), catalog(generation));
      await until(`generation ${generation}`, () => idle() && replicas() === generation + 1);
    }
    after = retained();
  } finally {
    controller.abort();
  }
  expect(await exited).toBe(0);
  expect(stderr).not.toContain('error');
  // Each generation's module holds several MiB: kept, 20 of them are far above these bounds.
  expect(after.heap - before.heap, `heap ${before.heap.toFixed(0)} → ${after.heap.toFixed(0)} MiB`).toBeLessThan(24);
  expect(after.rss - before.rss, `rss ${before.rss.toFixed(0)} → ${after.rss.toFixed(0)} MiB`).toBeLessThan(96);
}, 240_000);
