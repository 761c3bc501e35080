/**
 * Reads plain Kubernetes YAML (files, folders of them, or stdin) into resources whose source
 * is the file and line of each document, for `kasane validate -f`. Reads as `kubectl apply -f`
 * does (src/k8s/yaml-read.ts); a file that cannot be read gives findings and the others are
 * still read.
 */
import path from 'node:path';
import { KasaneError, type Finding } from '../errors.ts';
import { appendAll } from '../k8s/append.ts';
import { inputFinding, MAX_INPUT_BYTES } from '../k8s/input-findings.ts';
import { manifestObjects } from '../k8s/manifest-objects.ts';
import type { Resource } from '../k8s/resource.ts';
import { readYaml } from '../k8s/yaml-read.ts';
import { listYamlFiles, readInputFile, tooLarge } from './read-input.ts';

/** Parses one YAML input; every document that is a Kubernetes object becomes a resource. */
export function parseManifests(input: string | Uint8Array, file: string): { resources: Resource[]; findings: Finding[] } {
  const read = readYaml(input, { dialect: 'kubectl' });
  const { objects, problems } = manifestObjects(read.documents);
  const findings = [...read.problems, ...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0)).map((p) => inputFinding('load', file, p));
  return { resources: objects.map((o) => ({ object: o.object, component: '', source: { file, line: o.line } })), findings };
}

/**
 * Reads every YAML file under `targets` (`-` reads standard input through `stdin`, which
 * reads at most `limit` bytes). Paths in sources are relative to `cwd`.
 * @throws KasaneError `load/file-missing` for a target that does not exist.
 */
export async function readManifests(targets: readonly string[], cwd: string, stdin: (limit: number) => Promise<string | Uint8Array>): Promise<{ resources: Resource[]; findings: Finding[] }> {
  const resources: Resource[] = [];
  const findings: Finding[] = [];
  const add = (parsed: { resources: Resource[]; findings: Finding[] }) => {
    appendAll(resources, parsed.resources);
    appendAll(findings, parsed.findings);
  };
  for (const target of targets) {
    if (target === '-') {
      const input = await stdin(MAX_INPUT_BYTES);
      if (input.length > MAX_INPUT_BYTES) findings.push(inputFinding('load', '<stdin>', tooLarge('<stdin>')));
      else add(parseManifests(input, '<stdin>'));
      continue;
    }
    const files = listYamlFiles(path.resolve(cwd, target));
    if (!files) throw new KasaneError({ severity: 'error', code: 'load/file-missing', message: `'${target}' does not exist`, hint: 'pass YAML files, folders of them, or - for stdin' });
    for (const file of files) {
      const rel = path.relative(cwd, file) || file;
      const got = readInputFile(file);
      if ('problem' in got) findings.push(inputFinding('load', rel, got.problem));
      else add(parseManifests(got.bytes, rel));
    }
  }
  return { resources, findings };
}
