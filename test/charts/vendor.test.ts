/**
 * `kasane vendor` for real, offline: charts pulled with helm from a chart repository and an OCI
 * registry on localhost, and packaged from a folder; the lock checked against digests computed
 * here from `tar -x` of the same archives; failures that leave the vendor folder as it was.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { helmPath } from '../../scripts/helm-binaries.mjs';
import { runCli, snapshotTree, writeProject } from '../helpers/project.ts';
import { helmSync, packageChart, registryMissing, serveFolder, startRegistry, type Running } from './chart-servers.ts';
import { corpus, helmEnv, installedLines } from './corpus.ts';
import { makeTgz } from './tar-writer.ts';

const line = installedLines.includes('4.1') ? '4.1' : installedLines.find((l) => l !== '3.18');
if (!line) console.warn('skipping the vendoring tests: no supported Helm installed (run node scripts/helm-binaries.mjs)');
const home = mkdtempSync(path.join(tmpdir(), 'kasane-vendor-home-'));
const env = helmEnv(home, line);
const helm = line ? helmPath(line) : '';

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/** The digest as docs/charts.md defines it, computed from `tar -x` of an archive. */
function digestOfArchive(tgz: string): { digest: string; files: Record<string, string> } {
  const out = mkdtempSync(path.join(tmpdir(), 'kasane-untar-'));
  execFileSync('tar', ['-xzf', tgz, '-C', out]);
  const [top] = readdirSync(out);
  const files: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(out, top!, rel))) {
      const child = rel ? `${rel}/${name}` : name;
      if (statSync(path.join(out, top!, child)).isDirectory()) walk(child);
      else files[child] = readFileSync(path.join(out, top!, child), 'latin1');
    }
  };
  walk('');
  const lines = Object.keys(files)
    .sort()
    .map((f) => `${f}\0${sha256(Buffer.from(files[f]!, 'latin1'))}\n`);
  return { digest: `sha256:${sha256(lines.join(''))}`, files };
}

const config = (charts: object[]) => `export default ${JSON.stringify({ charts }, null, 2)};\n`;
const lockOf = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'vendor/charts/charts.lock.json'), 'utf8'));

describe.skipIf(!line)('kasane vendor from a chart repository on localhost', () => {
  let repo: Running;
  let repoDir: string;
  let podinfoTgz: string;
  let dnsTgz: string;

  beforeAll(async () => {
    repoDir = mkdtempSync(path.join(tmpdir(), 'kasane-repo-'));
    repo = await serveFolder(repoDir);
    podinfoTgz = packageChart(helm, path.join(corpus, 'podinfo/chart'), repoDir, env);
    dnsTgz = packageChart(helm, path.join(corpus, 'external-dns/chart'), repoDir, env);
    helmSync(helm, ['repo', 'index', repoDir, '--url', repo.url], env);
  });
  afterAll(() => repo.stop());

  test('pulls each chart, unpacks it, and locks the digests of its archive and its files', async () => {
    const dir = writeProject({
      'kasane.config.ts': config([
        { name: 'podinfo', repository: repo.url, version: '6.14.1' },
        { name: 'dns', chart: 'external-dns', repository: repo.url, version: '1.21.1' },
      ]),
    });
    const r = await runCli(['vendor'], dir, env);
    expect(r.stderr).toBe('dns: external-dns 1.21.1 pulled\npodinfo: podinfo 6.14.1 pulled\nvendored 2 charts in vendor/charts (2 pulled)\n');
    expect(r.code).toBe(0);
    const podinfo = digestOfArchive(podinfoTgz);
    expect(lockOf(dir).charts.podinfo).toEqual({ archiveDigest: `sha256:${sha256(readFileSync(podinfoTgz))}`, chart: 'podinfo', digest: podinfo.digest, repository: repo.url, version: '6.14.1' });
    expect(lockOf(dir).charts.dns.digest).toBe(digestOfArchive(dnsTgz).digest);
    const vendored = snapshotTree(path.join(dir, 'vendor/charts/podinfo'));
    expect(vendored).toEqual(podinfo.files);
    expect(readdirSync(path.join(dir, 'vendor'))).toEqual(['charts']);
    expect((await runCli(['vendor', '--check'], dir, env)).code).toBe(0);
  });

  test('keeps what is vendored as locked without the network, and fails with the vendor folder untouched when a pull fails', async () => {
    const own = await serveFolder(repoDir);
    const dir = writeProject({ 'kasane.config.ts': config([{ name: 'podinfo', repository: own.url, version: '6.14.1' }]) });
    expect((await runCli(['vendor'], dir, env)).code).toBe(0);
    await own.stop();
    const before = snapshotTree(path.join(dir, 'vendor'));
    // The repository is gone, and the declaration still matches the lock: nothing is pulled.
    const again = await runCli(['vendor'], dir, env);
    expect(again.stderr).toBe('podinfo: podinfo 6.14.1 kept\nalready vendored 1 chart in vendor/charts (1 kept)\n');
    expect(again.code).toBe(0);
    // Another version from the repository that does not answer.
    writeFileSync(path.join(dir, 'kasane.config.ts'), config([{ name: 'podinfo', repository: own.url, version: '6.14.0' }]));
    const failed = await runCli(['vendor'], dir, env);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain('code: charts/pull-failed');
    expect(failed.stderr).toContain(`error: cannot vendor chart 'podinfo' (podinfo 6.14.0 from ${own.url}): looks like "${own.url}" is not a valid chart repository or cannot be reached`);
    expect(failed.stderr).toContain('nothing changed in vendor/charts/');
    expect(snapshotTree(path.join(dir, 'vendor'))).toEqual(before);
    const check = await runCli(['vendor', '--check'], dir, env);
    expect(check.stderr).toContain('code: charts/vendor-outdated');
    expect(check.stderr).toContain(`chart 'podinfo': kasane.config.ts declares podinfo 6.14.0 from ${own.url}, but the vendor folder holds podinfo 6.14.1 from ${own.url}`);
    expect(check.code).toBe(1);
  });

  test('restores a vendored chart that was edited, and checks it against the lock', async () => {
    const dir = writeProject({ 'kasane.config.ts': config([{ name: 'podinfo', repository: repo.url, version: '6.14.1' }]) });
    expect((await runCli(['vendor'], dir, env)).code).toBe(0);
    const before = snapshotTree(path.join(dir, 'vendor'));
    writeFileSync(path.join(dir, 'vendor/charts/podinfo/values.yaml'), 'replicaCount: 9\n');
    const check = await runCli(['vendor', '--check'], dir, env);
    expect(check.stderr).toContain('code: charts/vendor-changed');
    expect(check.stderr).toContain("chart 'podinfo' in 'vendor/charts' was changed after it was vendored");
    expect(check.stderr).toContain('run `kasane vendor`');
    expect(check.code).toBe(1);
    const r = await runCli(['vendor'], dir, env);
    expect(r.stderr).toContain('podinfo: podinfo 6.14.1 pulled');
    expect(snapshotTree(path.join(dir, 'vendor'))).toEqual(before);
  });

  test('refuses an archive whose digest differs from the index, and one the repository changed since it was locked', async () => {
    const dir = writeProject({ 'kasane.config.ts': config([{ name: 'podinfo', repository: repo.url, version: '6.14.1' }]) });
    expect((await runCli(['vendor'], dir, env)).code).toBe(0);
    const before = snapshotTree(path.join(dir, 'vendor'));
    const original = readFileSync(podinfoTgz);
    try {
      // Another archive under the same name, after the repository was indexed.
      const other = path.join(mkdtempSync(path.join(tmpdir(), 'kasane-chart-')), 'podinfo');
      cpSync(path.join(corpus, 'podinfo/chart'), other, { recursive: true });
      writeFileSync(path.join(other, 'values.yaml'), `${readFileSync(path.join(other, 'values.yaml'), 'utf8')}\nextra: true\n`);
      const swapped = packageChart(helm, other, mkdtempSync(path.join(tmpdir(), 'kasane-pkg-')), env);
      writeFileSync(podinfoTgz, readFileSync(swapped));
      rmSync(path.join(dir, 'vendor/charts/podinfo/values.yaml'));
      const r = await runCli(['vendor'], dir, env);
      expect(r.stderr).toContain('code: charts/digest-mismatch');
      expect(r.stderr).toContain(
        `error: chart 'podinfo' (podinfo 6.14.1 from ${repo.url}): the archive downloaded has digest sha256:${sha256(readFileSync(swapped))}, but the repository's index.yaml lists sha256:${sha256(original)}`,
      );
      expect(r.code).toBe(2);
      // Indexed again: the index agrees, the lock does not.
      helmSync(helm, ['repo', 'index', repoDir, '--url', repo.url], env);
      const relocked = await runCli(['vendor'], dir, env);
      expect(relocked.stderr).toContain('code: charts/digest-mismatch');
      expect(relocked.stderr).toContain("error: chart 'podinfo' (podinfo 6.14.1 from");
      expect(relocked.stderr).toContain('but vendor/charts/charts.lock.json locked');
      expect(relocked.code).toBe(2);
      expect(snapshotTree(path.join(dir, 'vendor'))).toEqual({ ...before, 'charts/podinfo/values.yaml': undefined });
    } finally {
      writeFileSync(podinfoTgz, original);
      helmSync(helm, ['repo', 'index', repoDir, '--url', repo.url], env);
    }
  });

  test('packages a chart folder of the project and removes charts no longer declared', async () => {
    const dir = writeProject({ 'kasane.config.ts': config([{ name: 'podinfo', repository: repo.url, version: '6.14.1' }]) });
    expect((await runCli(['vendor'], dir, env)).code).toBe(0);
    cpSync(path.join(corpus, 'external-dns/chart'), path.join(dir, 'charts/dns'), { recursive: true });
    writeFileSync(path.join(dir, 'kasane.config.ts'), config([{ name: 'dns', repository: './charts/dns' }]));
    const r = await runCli(['vendor'], dir, env);
    expect(r.stderr).toBe('dns: external-dns 1.21.1 packaged\npodinfo: removed (no longer declared)\nvendored 1 chart in vendor/charts (1 packaged)\n');
    expect(r.code).toBe(0);
    expect(readdirSync(path.join(dir, 'vendor/charts')).sort()).toEqual(['charts.lock.json', 'dns']);
    expect(lockOf(dir).charts.dns).toEqual({ chart: 'external-dns', digest: expect.stringMatching(/^sha256:/), repository: './charts/dns', version: '1.21.1' });
    expect(readFileSync(path.join(dir, 'vendor/charts/dns/templates/deployment.yaml'), 'utf8')).toBe(readFileSync(path.join(dir, 'charts/dns/templates/deployment.yaml'), 'utf8'));
  });

  test.each([
    ['a path that leaves the chart folder', { name: 'evil/../../../escaped.txt', content: 'x' }, "'evil/../../../escaped.txt'"],
    ['an absolute path', { name: '/tmp/kasane-escaped.txt', content: 'x' }, "'/tmp/kasane-escaped.txt'"],
    ['a symbolic link', { name: 'evil/templates', type: '2', link: '/etc' }, "'evil/templates' is a symbolic link"],
  ])('refuses a hostile archive with %s and writes nothing', async (_what, entry, expected) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kasane-hostile-'));
    const hostileDir = mkdtempSync(path.join(tmpdir(), 'kasane-hostile-repo-'));
    const tgz = makeTgz([{ name: 'evil/Chart.yaml', content: 'apiVersion: v2\nname: evil\nversion: 1.0.0\n' }, entry]);
    writeFileSync(path.join(hostileDir, 'evil-1.0.0.tgz'), tgz);
    const server = await serveFolder(hostileDir);
    try {
      writeFileSync(
        path.join(hostileDir, 'index.yaml'),
        `apiVersion: v1\nentries:\n  evil:\n  - name: evil\n    version: 1.0.0\n    digest: ${sha256(tgz)}\n    urls: [${server.url}/evil-1.0.0.tgz]\n`,
      );
      writeProject({ 'project/kasane.config.ts': config([{ name: 'evil', repository: server.url, version: '1.0.0' }]) }, dir);
      const r = await runCli(['vendor'], path.join(dir, 'project'), env);
      expect(r.stderr).toContain('code: charts/unsafe-archive');
      expect(r.stderr).toContain(`error: refusing chart archive 'evil-1.0.0.tgz' of chart 'evil'`);
      expect(r.stderr).toContain(expected);
      expect(r.code).toBe(2);
      expect(readdirSync(dir)).toEqual(['project']);
      expect(readdirSync(path.join(dir, 'project')).filter((e) => e !== 'node_modules')).toEqual(['kasane.config.ts']);
      expect(existsSync('/tmp/kasane-escaped.txt')).toBe(false);
    } finally {
      await server.stop();
    }
  });
});

const noRegistry = registryMissing();
if (noRegistry && line) console.warn(`skipping the OCI registry test: ${noRegistry}`);

describe.skipIf(!line || noRegistry !== undefined)('kasane vendor from an OCI registry on localhost', () => {
  test('pulls with --plain-http and locks the digest of the pushed archive', async () => {
    const registry = await startRegistry();
    try {
      const tgz = packageChart(helm, path.join(corpus, 'podinfo/chart'), mkdtempSync(path.join(tmpdir(), 'kasane-pkg-')), env);
      helmSync(helm, ['push', tgz, `${registry.url}/charts`, '--plain-http'], env);
      const dir = writeProject({ 'kasane.config.ts': config([{ name: 'podinfo', repository: `${registry.url}/charts`, version: '6.14.1', plainHttp: true }]) });
      const r = await runCli(['vendor'], dir, env);
      expect(r.stderr).toBe('podinfo: podinfo 6.14.1 pulled\nvendored 1 chart in vendor/charts (1 pulled)\n');
      expect(r.code).toBe(0);
      expect(lockOf(dir).charts.podinfo).toEqual({
        archiveDigest: `sha256:${sha256(readFileSync(tgz))}`,
        chart: 'podinfo',
        digest: digestOfArchive(tgz).digest,
        repository: `${registry.url}/charts`,
        version: '6.14.1',
      });
      const missing = await runCli(['vendor'], writeProject({ 'kasane.config.ts': config([{ name: 'podinfo', repository: `${registry.url}/charts`, version: '9.9.9', plainHttp: true }]) }), env);
      expect(missing.stderr).toContain('code: charts/pull-failed');
      expect(missing.stderr).toContain("error: cannot vendor chart 'podinfo' (podinfo 9.9.9 from oci://");
      expect(missing.code).toBe(2);
    } finally {
      await registry.stop();
    }
  });
});
