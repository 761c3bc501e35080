import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { watchRender } from '../../src/cli/watch-render.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Creates and removes folders with a file in `dir`, 300 times, in a child process. */
function churn(dir: string): Promise<void> {
  const script = `
    const fs = require('node:fs'), path = require('node:path');
    for (let i = 0; i < 300; i++) {
      const staged = path.join(process.argv[1], '.dev.kasane-old-' + i);
      fs.mkdirSync(path.join(staged, 'api'), { recursive: true });
      fs.writeFileSync(path.join(staged, 'api', 'deployment.yaml'), 'kind: Deployment\\n');
      fs.rmSync(staged, { recursive: true });
    }`;
  return new Promise((resolve, reject) => execFile(process.execPath, ['-e', script, dir], (error) => (error ? reject(error) : resolve())));
}

test('the watch survives folders that come and go in the output folder, and sees the project change', async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'kasane-watch-tree-'));
  mkdirSync(path.join(root, 'components'));
  mkdirSync(path.join(root, 'rendered', 'dev'), { recursive: true });
  const controller = new AbortController();
  let renders = 0;
  let stderr = '';
  const io = { stdout: () => undefined, stderr: (t: string) => (stderr += t), cwd: root, env: {}, signal: controller.signal };
  const watching = watchRender(io, { root, outDir: () => path.join(root, 'rendered') }, async () => {
    renders++;
    // What a render's swap does, in another thread as a watch's render does it: staging
    // folders with content, created and removed while the watching thread handles events.
    await churn(path.join(root, 'rendered'));
  });
  const until = async (what: string, ready: () => boolean) => {
    for (const start = Date.now(); !ready(); await sleep(20)) if (Date.now() - start > 20_000) throw new Error(`timed out waiting for ${what}`);
  };
  try {
    await until('the first render', () => renders === 1 && stderr.endsWith('(Ctrl-C to stop)\n'));
    for (let save = 1; save <= 3; save++) {
      writeFileSync(path.join(root, 'components', 'api.ts'), `export const save = ${save};\n`);
      await until(`the render after save ${save}`, () => renders === save + 1);
    }
    // A folder made after the watch started is watched too.
    mkdirSync(path.join(root, 'lib'));
    await sleep(100);
    const before = renders;
    writeFileSync(path.join(root, 'lib', 'util.ts'), 'export const x = 1;\n');
    await until('the render after a save in a new folder', () => renders > before);
    // The output folder's own changes never trigger a render.
    await until('the watch to settle', () => stderr.endsWith('(Ctrl-C to stop)\n'));
    await sleep(200);
    const settled = renders;
    writeFileSync(path.join(root, 'rendered', 'dev', 'other.yaml'), 'kind: ConfigMap\n');
    await sleep(300);
    expect(renders).toBe(settled);
  } finally {
    controller.abort();
  }
  expect(await watching).toBe(0);
  rmSync(root, { recursive: true, force: true });
}, 60_000);
