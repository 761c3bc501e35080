/**
 * Reading CustomResourceDefinitions from where they live, for `kasane import-crd` and
 * `kasane validate -f --crds`: YAML files holding one CRD or a stream of documents (an
 * operator's install bundle, `helm template --include-crds` output), folders of them, and Helm
 * charts, whose CRDs are the plain files of `crds/` (and of each unpacked sub-chart under
 * `charts/`). Chart templates are not read: they need `helm template` first.
 */
import { listFirst } from '../util/list-text.ts';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { isKasaneError, type Finding } from '../errors.ts';
import { isCrdDocument, readCrd, type CrdInput } from '../k8s/crd-document.ts';
import { isPlainObject } from '../util/plain-object.ts';
import { appendAll } from '../util/append.ts';
import { inputFinding } from '../k8s/input-findings.ts';
import { readYaml } from '../k8s/yaml-read.ts';
import { compareCodeUnits } from '../util/code-unit.ts';
import { readInputFile } from './read-input.ts';
import { listYamlFiles } from './yaml-files.ts';

/** CRDs read from files, documents skipped on the way, and problems found. */
export interface ReadCrdsResult {
  crds: CrdInput[];
  /** One line per skipped document or file, e.g. `skipped v1 Namespace 'monitoring' ...`. */
  notes: string[];
  findings: Finding[];
}

function describeDocument(value: Record<string, unknown>): string {
  const name = isPlainObject(value.metadata) && typeof value.metadata.name === 'string' ? ` '${value.metadata.name}'` : '';
  return `${String(value.apiVersion ?? '')} ${String(value.kind)}${name}`.trim();
}

/** Reads the CRDs of one YAML input (one document or a stream, read as `kubectl apply -f` reads it); `file` is the name findings and notes use. */
export function parseCrdYaml(input: string | Uint8Array, file: string): ReadCrdsResult & { skipped: string[] } {
  const result = { crds: [] as CrdInput[], notes: [] as string[], findings: [] as Finding[], skipped: [] as string[] };
  const read = readYaml(input, { dialect: 'kubectl' });
  for (const p of read.problems) result.findings.push(inputFinding('crd', file, p.document === undefined ? p : { ...p, message: `cannot read document ${p.document + 1}: ${p.message}` }));
  for (const { value, index: document, line } of read.documents) {
    if (value === null || value === undefined) continue;
    if (isPlainObject(value) && typeof value.kind === 'string' && !isCrdDocument(value)) {
      result.skipped.push(describeDocument(value));
      result.notes.push(`${file}:${line} (document ${document + 1}): skipped ${describeDocument(value)}, not a CustomResourceDefinition`);
      continue;
    }
    try {
      result.crds.push(readCrd(value, { file, document, line }));
    } catch (error) {
      if (!isKasaneError(error)) throw error;
      appendAll(result.findings, error.findings);
    }
  }
  return result;
}

async function isChart(dir: string): Promise<boolean> {
  return (await stat(path.join(dir, 'Chart.yaml')).catch(() => undefined))?.isFile() === true;
}

/**
 * The CRD files of a Helm chart: every YAML file under `crds/`, then those of each unpacked
 * sub-chart under `charts/` (Helm installs a dependency's CRDs too). Packed sub-charts are noted.
 */
async function chartCrdFiles(chart: string, notes: string[], name: (file: string) => string): Promise<string[]> {
  const crds = path.join(chart, 'crds');
  const files = (await stat(crds).catch(() => undefined))?.isDirectory() ? await listYamlFiles(crds) : [];
  const deps = path.join(chart, 'charts');
  const entries = await readdir(deps, { withFileTypes: true }).catch(() => []);
  for (const e of entries.sort((a, b) => compareCodeUnits(a.name, b.name))) {
    const child = path.join(deps, e.name);
    if (e.isDirectory() && (await isChart(child))) files.push(...(await chartCrdFiles(child, notes, name)));
    else if (/\.tgz$/.test(e.name)) notes.push(`${name(child)}: skipped a packed chart: unpack it (tar xzf) to read its crds/`);
  }
  return files;
}

/** The files a target names: itself, the YAML files of a folder, or the CRD files of a chart (also of a chart inside a folder). */
async function filesOf(abs: string, notes: string[], name: (file: string) => string): Promise<string[]> {
  const info = await stat(abs);
  if (!info.isDirectory()) return [abs];
  const chart = async (dir: string) => ((await isChart(dir)) ? chartCrdFiles(dir, notes, name) : undefined);
  return (await chart(abs)) ?? listYamlFiles(abs, chart);
}

/** `crd/none-found` for a target that gave no CRD, naming what it held instead. */
function noneFound(target: string, skipped: readonly string[]): Finding {
  const held = skipped.length ? `found ${listFirst(skipped)}` : 'found no YAML documents';
  return {
    severity: 'error',
    code: 'crd/none-found',
    message: `expected a CustomResourceDefinition in '${target}', ${held}`,
    hint: "pass the files that define the CRDs: an operator's CRD bundle, a chart folder (its crds/ is read), or `helm template --include-crds` output",
  };
}

/**
 * Reads every CRD in `targets`: YAML files (one document or a stream), folders searched
 * recursively for `.yaml` and `.yml` files in code-unit order, and Helm charts (their `crds/`).
 * A target that holds no CRD at all is a `crd/none-found` error. Paths in findings and notes
 * are relative to `cwd`.
 */
export async function readCrdFiles(targets: readonly string[], cwd: string): Promise<ReadCrdsResult> {
  const all: ReadCrdsResult = { crds: [], notes: [], findings: [] };
  const name = (file: string) => path.relative(cwd, file) || file;
  for (const target of targets) {
    const abs = path.resolve(cwd, target);
    if (!(await stat(abs).catch(() => undefined))) {
      all.findings.push({
        severity: 'error',
        code: 'crd/file-missing',
        message: `expected a YAML file, folder or Helm chart at '${target}', found nothing`,
        hint: 'pass CRD YAML files, folders that hold them, or a chart folder',
      });
      continue;
    }
    const found = { crds: 0, failed: 0, skipped: [] as string[] };
    for (const file of await filesOf(abs, all.notes, name)) {
      const got = readInputFile(file);
      if ('problem' in got) {
        all.findings.push(inputFinding('crd', name(file), got.problem));
        found.failed++;
        continue;
      }
      const one = parseCrdYaml(got.bytes, name(file));
      appendAll(all.crds, one.crds);
      appendAll(all.notes, one.notes);
      appendAll(all.findings, one.findings);
      found.crds += one.crds.length;
      found.failed += one.findings.length;
      found.skipped.push(...one.skipped);
    }
    if (found.crds === 0 && found.failed === 0) all.findings.push(noneFound(target, found.skipped));
  }
  return all;
}
