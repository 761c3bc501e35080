import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { snapshotTree } from '../helpers/project.ts';
import { runImportCrd } from './run-import-crd.ts';

const repo = path.resolve(import.meta.dirname, '../..');
const expectedDir = path.join(repo, 'test/codegen/expected');
const update = process.env.KASANE_UPDATE_GOLDEN === '1';

describe('kasane import-crd on the fixture CRDs', () => {
  test('writes the reviewed files in test/codegen/expected when run on test/fixtures/crds', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'kasane-crd-'));
    const r = await runImportCrd(['test/fixtures/crds', '--out', out], repo);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    if (update) {
      rmSync(expectedDir, { recursive: true, force: true });
      cpSync(out, expectedDir, { recursive: true });
      console.warn(`KASANE_UPDATE_GOLDEN=1: rewrote ${path.relative(repo, expectedDir)}; review the diff`);
    }
    const actual = snapshotTree(out);
    const expected = snapshotTree(expectedDir);
    expect(Object.keys(actual)).toEqual(Object.keys(expected));
    for (const file of Object.keys(expected)) expect(actual[file], `${file} differs; rerun with KASANE_UPDATE_GOLDEN=1 and review the diff`).toBe(expected[file]);
  });

  test('prints one line per CRD, the skipped Namespace and a summary when run on test/fixtures/crds', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'kasane-crd-'));
    const r = await runImportCrd(['test/fixtures/crds', '--out', path.join(out, 'imports')], repo);
    const rel = path.relative(repo, path.join(out, 'imports'));
    expect(r.stderr.split('\n')).toEqual([
      "note: test/fixtures/crds/prometheus-operator/bundle.yaml:3 (document 1): skipped v1 Namespace 'monitoring', not a CustomResourceDefinition",
      `argoproj.io/Application v1alpha1, v1beta1 → ${rel}/argoproj.io/application.ts (applicationV1alpha1, applicationV1beta1, applicationCrd)`,
      `cert-manager.io/Certificate v1 → ${rel}/cert-manager.io/certificate.ts (certificate, certificateCrd)`,
      `edge.example.com/Import v1 → ${rel}/edge.example.com/import.ts (import_, importCrd)`,
      `monitoring.coreos.com/ServiceMonitor v1 → ${rel}/monitoring.coreos.com/service-monitor.ts (serviceMonitor, serviceMonitorCrd)`,
      `imported 4 CRDs into ${rel}: 5 files written, 0 unchanged`,
      '',
    ]);
  });

  test('writes nothing again when the output is already up to date', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'kasane-crd-'));
    await runImportCrd(['test/fixtures/crds', '--out', out], repo);
    const r = await runImportCrd(['test/fixtures/crds', '--out', out], repo);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(': 0 files written, 5 unchanged\n');
  });
});
