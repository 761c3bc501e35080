/**
 * The file side of `kasane import-crd`: read CustomResourceDefinitions from YAML files and
 * folders, write the generated files. The generator itself (generate.ts) stays pure.
 */
import path from 'node:path';
import { appendAll } from '../k8s/append.ts';
import { inputFinding } from '../k8s/input-findings.ts';
import { readYaml } from '../k8s/yaml-read.ts';
import { listYamlFiles, readInputFile } from '../load/read-input.ts';
import { isKasaneError, type Finding } from '../errors.ts';
import { isPlainObject } from '../k8s/object.ts';
import { isCrdDocument, readCrd, type CrdInput } from './crd-input.ts';
import type { GeneratedFile } from './generate.ts';
import { writeFilesUnder, type WriteUnderReport } from '../render/write-under.ts';

/** CRDs read from files, documents skipped on the way, and problems found. */
export interface ReadCrdsResult {
  crds: CrdInput[];
  /** One line per skipped document, e.g. `skipped v1 Namespace 'monitoring' ...`. */
  notes: string[];
  findings: Finding[];
}

function describeDocument(value: Record<string, unknown>): string {
  const name = isPlainObject(value.metadata) && typeof value.metadata.name === 'string' ? ` '${value.metadata.name}'` : '';
  return `${String(value.apiVersion ?? '')} ${String(value.kind)}${name}`.trim();
}

/** Reads the CRDs of one YAML input (read as `kubectl apply -f` reads it); `file` is the name findings and notes use. */
export function parseCrdYaml(input: string | Uint8Array, file: string): ReadCrdsResult {
  const result: ReadCrdsResult = { crds: [], notes: [], findings: [] };
  const read = readYaml(input, { dialect: 'kubectl' });
  for (const p of read.problems) result.findings.push(inputFinding('codegen', file, p.document === undefined ? p : { ...p, message: `cannot read document ${p.document + 1}: ${p.message}` }));
  for (const { value, index: document, line } of read.documents) {
    if (value === null || value === undefined) continue;
    if (isPlainObject(value) && typeof value.kind === 'string' && !isCrdDocument(value)) {
      result.notes.push(`${file}:${line} (document ${document + 1}): skipped ${describeDocument(value)}, not a CustomResourceDefinition`);
      continue;
    }
    try {
      result.crds.push(readCrd(value, { file, document, line }));
    } catch (error) {
      if (!isKasaneError(error)) throw error;
      result.findings.push(...error.findings);
    }
  }
  return result;
}

/**
 * Reads every CRD in `targets` (YAML files, or folders searched recursively for `.yaml` and
 * `.yml` files in code-unit order). Paths in findings and notes are relative to `cwd`.
 */
export async function readCrdFiles(targets: readonly string[], cwd: string): Promise<ReadCrdsResult> {
  const all: ReadCrdsResult = { crds: [], notes: [], findings: [] };
  for (const target of targets) {
    const files = listYamlFiles(path.resolve(cwd, target));
    if (!files) {
      all.findings.push({ severity: 'error', code: 'codegen/file-missing', message: `expected a YAML file or folder at '${target}', found nothing`, hint: 'pass CRD YAML files or folders that hold them' });
      continue;
    }
    if (files.length === 0) all.notes.push(`${target}: no .yaml or .yml files`);
    for (const file of files) {
      const rel = path.relative(cwd, file) || file;
      const got = readInputFile(file);
      if ('problem' in got) {
        all.findings.push(inputFinding('codegen', rel, got.problem));
        continue;
      }
      const one = parseCrdYaml(got.bytes, rel);
      appendAll(all.crds, one.crds);
      appendAll(all.notes, one.notes);
      appendAll(all.findings, one.findings);
    }
  }
  return all;
}

/** Per-file outcome of {@link writeGeneratedFiles}. */
export type WriteReport = WriteUnderReport;

/**
 * Writes `files` under `outDir`, leaving files whose content is already equal untouched. Other
 * files in `outDir` are kept. Never writes outside `outDir` or through a symbolic link.
 * @throws KasaneError `codegen/unsafe-path` before writing anything when a path would leave `outDir`.
 */
export async function writeGeneratedFiles(outDir: string, files: readonly GeneratedFile[]): Promise<WriteReport> {
  return writeFilesUnder(outDir, files.map((f) => [f.path, f.content] as const), { area: 'codegen', skipUnchanged: true });
}
