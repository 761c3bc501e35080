/**
 * Chart names come from someone else's Chart.yaml. Through `kasane import --chart` and
 * `kasane vendor`, a name that climbs out of its folder (`../../escape`) is refused (by helm,
 * which checks the name before it renders or packages) with exit code 2 and nothing written,
 * in the output folder or beside it; a name that is no DNS label (`My_Chart`) becomes one
 * (`my-chart`) wherever kasane uses it as a name or folder.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli, snapshotTree } from '../helpers/project.ts';
import { corpus, helmEnv, installedLines } from './corpus.ts';

const line = installedLines.includes('4.1') ? '4.1' : installedLines.find((l) => l !== '3.18');
if (!line) console.warn('skipping the hostile chart name tests: no supported Helm installed (run node scripts/helm-binaries.mjs)');
const env = helmEnv(mkdtempSync(path.join(tmpdir(), 'kasane-helm-home-')), line);

/** A work folder `<tmp>/a/b` holding podinfo's chart as `chart/`, its Chart.yaml naming it `name`. */
function chartNamed(name: string): { dir: string; top: string } {
  const top = mkdtempSync(path.join(tmpdir(), 'kasane-hostile-chart-'));
  const dir = path.join(top, 'a/b');
  cpSync(path.join(corpus, 'podinfo/chart'), path.join(dir, 'chart'), { recursive: true });
  const meta = path.join(dir, 'chart/Chart.yaml');
  writeFileSync(meta, readFileSync(meta, 'utf8').replace(/^name: .*$/m, `name: ${JSON.stringify(name)}`));
  return { dir, top };
}

/** Every file under `top`, relative to it, but kasane's cache of the compiled config. */
const filesUnder = (top: string) =>
  readdirSync(top, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(top, path.join(e.parentPath, e.name)))
    .filter((f) => !f.includes('node_modules/.cache/kasane/'));

const CONFIG = `export default { charts: [{ name: 'web', repository: './chart' }] };\n`;

describe.skipIf(!line)('hostile chart names', () => {
  test("import --chart refuses a chart named '../../escape' and writes nothing", async () => {
    const { dir, top } = chartNamed('../../escape');
    const before = filesUnder(top);
    const r = await runCli(['import', '--chart', 'chart', '--out', 'project'], dir, env);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/error: .*chart\.metadata\.name "\.\.\/\.\.\/escape" is invalid/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(dir, 'project'))).toBe(false);
    expect(filesUnder(top)).toEqual(before);
  });

  test("vendor refuses a chart whose Chart.yaml names it '../../escape' and writes nothing", async () => {
    const { dir, top } = chartNamed('../../escape');
    writeFileSync(path.join(dir, 'kasane.config.ts'), CONFIG);
    const before = filesUnder(top);
    const r = await runCli(['vendor'], dir, env);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/error: cannot vendor chart 'web' .*chart\.metadata\.name "\.\.\/\.\.\/escape" is invalid/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(dir, 'vendor'))).toBe(false);
    expect(filesUnder(top)).toEqual(before);
  });

  test("import --chart names a chart 'My_Chart' my-chart, in the project and its vendor folder", async () => {
    const { dir } = chartNamed('My_Chart');
    const r = await runCli(['import', '--chart', 'chart', '--out', 'project'], dir, env);
    expect(r.code, r.stderr).toBe(0);
    const project = path.join(dir, 'project');
    expect(readFileSync(path.join(project, 'kasane.config.ts'), 'utf8')).toContain("charts: [{ name: 'my-chart', repository: './charts/my-chart' }]");
    const tree = Object.keys(snapshotTree(project));
    expect(tree).toContain('vendor/charts/my-chart/Chart.yaml');
    expect(tree.filter((f) => /My_Chart/.test(f))).toEqual([]);
  });

  test("vendor keeps a chart 'My_Chart' under the name kasane.config.ts gives it", async () => {
    const { dir } = chartNamed('My_Chart');
    writeFileSync(path.join(dir, 'kasane.config.ts'), CONFIG);
    const r = await runCli(['vendor'], dir, env);
    expect(r.code, r.stderr).toBe(0);
    const lock = JSON.parse(readFileSync(path.join(dir, 'vendor/charts/charts.lock.json'), 'utf8')) as { charts: Record<string, { chart: string }> };
    expect(Object.keys(lock.charts)).toEqual(['web']);
    expect(lock.charts.web!.chart).toBe('My_Chart');
    expect(readdirSync(path.join(dir, 'vendor/charts')).sort()).toEqual(['charts.lock.json', 'web']);
  });
});
