/**
 * Reads plain Kubernetes YAML (files, folders of them, or stdin) into resources whose source
 * is the file and line of each document, for `kasane validate -f`. Reads as `kubectl apply -f`
 * does (src/k8s/yaml-read.ts); a file that cannot be read gives findings and the others are
 * still read.
 */
import path from 'node:path';
import { KasaneError, type Finding } from '../errors.ts';
import { appendAll } from '../util/append.ts';
import { inputFinding, MAX_INPUT_BYTES } from '../k8s/input-findings.ts';
import { manifestObjects } from '../k8s/manifest-objects.ts';
import type { Resource } from '../k8s/resource.ts';
import { readYaml } from '../k8s/yaml-read.ts';
import { isKustomizationFile, kustomizationWarnings } from './kustomization-files.ts';
import { readInputFile, tooLarge } from './read-input.ts';
import { yamlFilesOf } from './yaml-files.ts';

/** Parses one YAML input; every document that is a Kubernetes object becomes a resource. */
export function parseManifests(input: string | Uint8Array, file: string): { resources: Resource[]; findings: Finding[] } {
  const read = readYaml(input, { dialect: 'kubectl' });
  const { objects, problems } = manifestObjects(read.documents);
  const findings = [...read.problems, ...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0)).map((p) => inputFinding('load', file, p));
  return { resources: objects.map((o) => ({ object: o.object, component: '', source: { file, line: o.line } })), findings };
}

/**
 * The most bytes of YAML one run reads, all inputs together: 256 MiB. Every object is held at
 * once, because references between objects are checked across all of them, at about 4.5 bytes
 * of memory per byte of input (200 MB: 0.95 GB), so this stays well inside V8's default heap.
 */
export const MAX_TOTAL_INPUT_BYTES = 256 * 1024 * 1024;

/**
 * Reads every YAML file under `targets` (`-` reads standard input through `stdin`, which
 * reads at most `limit` bytes). Paths in sources are relative to `cwd`. Kustomization files are
 * skipped (see kustomization-files.ts), with a warning when they describe more than the files read.
 * @throws KasaneError `load/file-missing` for a target that does not exist.
 */
export async function readManifests(
  targets: readonly string[],
  cwd: string,
  stdin: (limit: number) => Promise<string | Uint8Array>,
  { maxTotalBytes = MAX_TOTAL_INPUT_BYTES }: { maxTotalBytes?: number } = {},
): Promise<{ resources: Resource[]; findings: Finding[] }> {
  const resources: Resource[] = [];
  const findings: Finding[] = [];
  const add = (parsed: { resources: Resource[]; findings: Finding[] }) => {
    appendAll(resources, parsed.resources);
    appendAll(findings, parsed.findings);
  };
  const read = new Set<string>();
  const kustomizations: string[] = [];
  let left = maxTotalBytes;
  /** Parses `bytes` unless they take the run past its budget; false once the budget is spent. */
  const take = (bytes: string | Uint8Array, name: string): boolean => {
    left -= typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.length;
    if (left < 0) {
      findings.push(inputFinding('load', name, { code: 'input-too-large', message: `expected at most ${maxTotalBytes / 2 ** 20} MiB of YAML in one run, found more by '${name}'` }));
      return false;
    }
    add(parseManifests(bytes, name));
    return true;
  };
  for (const target of targets) {
    if (left < 0) break;
    if (target === '-') {
      const input = await stdin(MAX_INPUT_BYTES);
      if (input.length > MAX_INPUT_BYTES) findings.push(inputFinding('load', '<stdin>', tooLarge('<stdin>')));
      else take(input, '<stdin>');
      continue;
    }
    const files = await yamlFilesOf(path.resolve(cwd, target));
    if (!files) throw new KasaneError({ severity: 'error', code: 'load/file-missing', message: `'${target}' does not exist`, hint: 'pass YAML files, folders of them, or - for stdin' });
    for (const file of files) {
      if (isKustomizationFile(file)) {
        kustomizations.push(file);
        continue;
      }
      read.add(file);
      const rel = path.relative(cwd, file) || file;
      const got = readInputFile(file);
      if ('problem' in got) findings.push(inputFinding('load', rel, got.problem));
      else if (!take(got.bytes, rel)) break;
    }
  }
  for (const file of kustomizations) {
    const rel = path.relative(cwd, file) || file;
    const got = readInputFile(file);
    if ('problem' in got) findings.push(inputFinding('load', rel, got.problem));
    else appendAll(findings, kustomizationWarnings(file, Buffer.from(got.bytes).toString('utf8'), rel, read));
  }
  return { resources, findings };
}
