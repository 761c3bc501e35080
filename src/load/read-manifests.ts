/**
 * Reads plain Kubernetes YAML (files, folders of them, or stdin) into resources whose source
 * is the file and line of each document, for `kasane validate -f`.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { yaml } from '../k8s/yaml-lib.ts';
import { KasaneError, type Finding } from '../errors.ts';
import { isPlainObject, type KObject } from '../k8s/object.ts';
import type { Resource } from '../k8s/resource.ts';
import { isKustomizationFile, kustomizationWarnings } from './kustomization-files.ts';

const yamlFile = /\.ya?ml$/i;

async function listYamlFiles(target: string): Promise<string[]> {
  const info = await stat(target).catch(() => undefined);
  if (!info) {
    throw new KasaneError({ severity: 'error', code: 'load/file-missing', message: `'${target}' does not exist`, hint: 'pass YAML files, folders of them, or - for stdin' });
  }
  if (info.isFile()) return [target];
  const out: string[] = [];
  const entries = (await readdir(target, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const child = path.join(target, e.name);
    if (e.isDirectory()) out.push(...(await listYamlFiles(child)));
    else if (yamlFile.test(e.name)) out.push(child);
  }
  return out;
}

/** Parses one YAML text; every document that is a Kubernetes object becomes a resource. */
export function parseManifests(text: string, file: string): { resources: Resource[]; findings: Finding[] } {
  const lineCounter = new (yaml().LineCounter)();
  const docs = yaml().parseAllDocuments(text, { lineCounter, version: '1.1', uniqueKeys: true });
  const resources: Resource[] = [];
  const findings: Finding[] = [];
  (Array.isArray(docs) ? docs : [docs]).forEach((doc, index) => {
    const start = doc.contents?.range?.[0] ?? doc.range[0];
    const line = lineCounter.linePos(start).line;
    const source = { file, line };
    if (doc.errors.length) {
      const err = doc.errors[0]!;
      findings.push({ severity: 'error', code: 'load/invalid-yaml', message: err.message.split('\n')[0]!, hint: 'fix the YAML syntax', source: { file, line: err.linePos?.[0]?.line ?? line } });
      return;
    }
    const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (value === null || value === undefined) return;
    if (isPlainObject(value) && value.kind === 'List' && Array.isArray(value.items)) {
      for (const item of value.items) if (isObject(item)) resources.push({ object: item, component: '', source });
      return;
    }
    if (!isObject(value)) {
      findings.push({ severity: 'error', code: 'load/not-an-object', message: `document ${index + 1} is not a Kubernetes object (apiVersion, kind, metadata.name)`, hint: 'give every document apiVersion, kind and metadata.name', source });
      return;
    }
    resources.push({ object: value, component: '', source });
  });
  return { resources, findings };
}

function isObject(value: unknown): value is KObject {
  return isPlainObject(value) && typeof value.apiVersion === 'string' && typeof value.kind === 'string' && isPlainObject(value.metadata) && typeof value.metadata.name === 'string';
}

/**
 * Reads every YAML file under `targets` (`-` reads `stdin`). Kustomization files are skipped
 * (see kustomization-files.ts), with a warning when they describe more than the files read.
 */
export async function readManifests(targets: readonly string[], cwd: string, stdin: () => Promise<string>): Promise<{ resources: Resource[]; findings: Finding[] }> {
  const resources: Resource[] = [];
  const findings: Finding[] = [];
  const read = new Set<string>();
  const kustomizations: string[] = [];
  for (const target of targets) {
    if (target === '-') {
      const parsed = parseManifests(await stdin(), '<stdin>');
      resources.push(...parsed.resources);
      findings.push(...parsed.findings);
      continue;
    }
    for (const file of await listYamlFiles(path.resolve(cwd, target))) {
      if (isKustomizationFile(file)) {
        kustomizations.push(file);
        continue;
      }
      read.add(file);
      const parsed = parseManifests(await readFile(file, 'utf8'), path.relative(cwd, file) || file);
      resources.push(...parsed.resources);
      findings.push(...parsed.findings);
    }
  }
  for (const file of kustomizations) findings.push(...kustomizationWarnings(file, await readFile(file, 'utf8'), path.relative(cwd, file) || file, read));
  return { resources, findings };
}
