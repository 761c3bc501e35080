/**
 * The example platform's rendered output is the end-to-end golden test: every environment is
 * rendered in memory and compared with test/golden/<env>/ by the same code as `render --check`.
 * Regenerate with `npm run golden:update` and review the diff.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadProject, type LoadedProject } from '../../src/load/load-project.ts';
import { render, renderableEnvironments } from '../../src/pipeline/render.ts';
import { checkEnvironment } from '../../src/output/check.ts';
import { readTree } from '../../src/output/write.ts';

const root = path.resolve(import.meta.dirname, '../..');
const hasNpm = spawnSync('npm', ['--version'], { encoding: 'utf8' }).status === 0;
if (!hasNpm) console.warn('skipping the `npm run render` test of test/e2e/golden.test.ts: npm not found on the PATH');
let project: LoadedProject;

beforeAll(async () => {
  project = await loadProject(root);
});

describe('example platform', () => {
  test('has the environments dev, staging and prod', () => {
    expect(renderableEnvironments(project)).toEqual(['dev', 'prod', 'staging']);
  });

  test.each(['dev', 'staging', 'prod'])('%s renders exactly the committed golden files', async (env) => {
    const result = render(project, env);
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const onDisk = await readTree(path.join(root, 'test/golden', env));
    const drift = checkEnvironment(env, result.output!.files, onDisk, result.output!.objects);
    expect(drift.map((d) => d.diff).join('\n'), 'run `npm run golden:update` after an intended change').toBe('');
    expect(onDisk.size).toBe(result.output!.files.size);
  });

  test.each(['dev', 'staging', 'prod'])('%s validates without findings', (env) => {
    const result = render(project, env);
    expect(result.findings).toEqual([]);
  });

  // The repository's own package does not get its bin in node_modules/.bin, so the script must
  // start bin/kasane.js itself (a bare `kasane` is not found there).
  test.skipIf(!hasNpm)('`npm run render -- --check` finds the committed output up to date', () => {
    const result = spawnSync('npm', ['run', '--silent', 'render', '--', '--check'], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(result.status, result.stderr).toBe(0);
    // Reports go to stderr; stdout carries only rendered YAML (none with --check).
    expect(result.stderr).toBe('up to date: dev, prod, staging in test/golden\n');
    expect(result.stdout).toBe('');
  });
});
