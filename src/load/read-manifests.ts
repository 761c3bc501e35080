/**
 * Reads plain Kubernetes YAML (files, folders of them, or stdin) into resources whose source
 * is the file and line of each document, for `kasane validate -f`.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { yaml } from '../k8s/yaml-lib.ts';
import { KasaneError, type Finding } from '../errors.ts';
import { isPlainObject, type KObject } from '../k8s/object.ts';
import type { Resource } from '../k8s/resource.ts';
import { inputTooLarge, MAX_INPUT_BYTES, readInputFile } from './read-input.ts';
import { compactStrings, yamlDocuments } from './yaml-stream.ts';
import { isKustomizationFile, kustomizationWarnings } from './kustomization-files.ts';
import { listYamlFiles as yamlFilesUnder } from './yaml-files.ts';

async function listYamlFiles(target: string): Promise<string[]> {
  const info = await stat(target).catch(() => undefined);
  if (!info) {
    throw new KasaneError({ severity: 'error', code: 'load/file-missing', message: `'${target}' does not exist`, hint: 'pass YAML files, folders of them, or - for stdin' });
  }
  // Anything but a folder is read as one file: a pipe (`-f <(helm template .)`) or a device too.
  return info.isDirectory() ? yamlFilesUnder(target) : [target];
}

/** Parses one YAML text; every document that is a Kubernetes object becomes a resource. */
export function parseManifests(text: string, file: string): { resources: Resource[]; findings: Finding[] } {
  const lineCounter = new (yaml().LineCounter)();
  // One document at a time: a whole stream's syntax trees do not fit in memory for big inputs.
  const docs = yamlDocuments(text, { lineCounter, version: '1.1', uniqueKeys: true });
  const resources: Resource[] = [];
  const findings: Finding[] = [];
  let index = -1;
  for (const doc of docs) {
    index++;
    const start = doc.contents?.range?.[0] ?? doc.range[0];
    const line = lineCounter.linePos(start).line;
    const source = { file, line };
    if (doc.errors.length) {
      const err = doc.errors[0]!;
      findings.push({ severity: 'error', code: 'load/invalid-yaml', message: err.message.split('\n')[0]!, hint: 'fix the YAML syntax', source: { file, line: err.linePos?.[0]?.line ?? line } });
      continue;
    }
    const value = compactStrings(doc.toJS({ maxAliasCount: 100 }) as unknown);
    if (value === null || value === undefined) continue;
    if (isPlainObject(value) && value.kind === 'List' && Array.isArray(value.items)) {
      for (const item of value.items) if (isObject(item)) resources.push({ object: item, component: '', source });
      continue;
    }
    if (!isObject(value)) {
      findings.push({ severity: 'error', code: 'load/not-an-object', message: `document ${index + 1} is not a Kubernetes object (apiVersion, kind, metadata.name)`, hint: 'give every document apiVersion, kind and metadata.name', source });
      continue;
    }
    resources.push({ object: value, component: '', source });
  }
  return { resources, findings };
}

function isObject(value: unknown): value is KObject {
  return isPlainObject(value) && typeof value.apiVersion === 'string' && typeof value.kind === 'string' && isPlainObject(value.metadata) && typeof value.metadata.name === 'string';
}

/**
 * Reads every YAML file under `targets` (`-` reads `stdin`), at most {@link MAX_INPUT_BYTES} in all.
 * Kustomization files are skipped (see kustomization-files.ts), with a warning when they
 * describe more than the files read.
 * @throws KasaneError `load/file-missing`, `load/input-too-large`
 */
export async function readManifests(targets: readonly string[], cwd: string, stdin: () => Promise<string>): Promise<{ resources: Resource[]; findings: Finding[] }> {
  const resources: Resource[] = [];
  const findings: Finding[] = [];
  let used = 0;
  // Appended one by one: spreading 200,000 objects into push() overflows the stack.
  const add = (text: string, name: string): void => {
    used += Buffer.byteLength(text);
    if (used > MAX_INPUT_BYTES) throw inputTooLarge(name);
    const parsed = parseManifests(text, name);
    for (const r of parsed.resources) resources.push(r);
    for (const f of parsed.findings) findings.push(f);
  };
  const read = new Set<string>();
  const kustomizations: string[] = [];
  for (const target of targets) {
    if (target === '-') {
      add(await stdin(), '<stdin>');
      continue;
    }
    for (const file of await listYamlFiles(path.resolve(cwd, target))) {
      if (isKustomizationFile(file)) {
        kustomizations.push(file);
        continue;
      }
      read.add(file);
      // Named as the user named them: relative to the working folder, or absolute when given so.
      const name = path.isAbsolute(target) ? file : path.relative(cwd, file) || file;
      add(await readInputFile(file, name, MAX_INPUT_BYTES - used), name);
    }
  }
  for (const file of kustomizations) findings.push(...kustomizationWarnings(file, await readFile(file, 'utf8'), path.relative(cwd, file) || file, read));
  return { resources, findings };
}
