import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const missing = ['typescript', 'kubernetes-models/package.json'].filter((name) => {
  try {
    createRequire(join(root, 'package.json')).resolve(name);
    return false;
  } catch {
    return true;
  }
});
if (missing.length) console.warn(`skipping the k8s-1.30 data check: ${missing.join(', ')} not found`);

describe('k8s-1.30 type graph', () => {
  test.skipIf(missing.length > 0)('matches what scripts/gen-schema.mjs generates when run with --check', () => {
    const run = spawnSync(process.execPath, [join(root, 'scripts', 'gen-schema.mjs'), '--check'], { cwd: root, encoding: 'utf8' });
    expect(run.stdout + run.stderr).toContain('is up to date with kubernetes-types@1.30.0 and kubernetes-models@4.5.1');
    expect(run.status).toBe(0);
  });
});
