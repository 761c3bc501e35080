import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const hasTypeScript = (() => {
  try {
    createRequire(join(root, 'package.json')).resolve('typescript');
    return true;
  } catch {
    return false;
  }
})();
if (!hasTypeScript) console.warn('skipping the k8s-1.30 data check: typescript not found');

describe('k8s-1.30 type graph', () => {
  test.skipIf(!hasTypeScript)('matches what scripts/gen-schema.mjs generates when run with --check', () => {
    const run = spawnSync(process.execPath, [join(root, 'scripts', 'gen-schema.mjs'), '--check'], { cwd: root, encoding: 'utf8' });
    expect(run.stdout + run.stderr).toContain('is up to date');
    expect(run.status).toBe(0);
  });
});
