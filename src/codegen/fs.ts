/**
 * The file side of `kasane import-crd`: read CustomResourceDefinitions from YAML files and
 * folders, write the generated files. The generator itself (generate.ts) stays pure.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { yaml } from '../k8s/yaml-lib.ts';
import { isKasaneError, type Finding } from '../errors.ts';
import { isPlainObject } from '../k8s/object.ts';
import { isCrdDocument, readCrd, type CrdInput } from './crd-input.ts';
import type { GeneratedFile } from './generate.ts';
import { compareCodeUnits } from '../k8s/code-unit.ts';
import { writeFilesUnder, type WriteUnderReport } from '../render/write-under.ts';

/** CRDs read from files, documents skipped on the way, and problems found. */
export interface ReadCrdsResult {
  crds: CrdInput[];
  /** One line per skipped document, e.g. `skipped v1 Namespace 'monitoring' ...`. */
  notes: string[];
  findings: Finding[];
}

const YAML_FILE = /\.ya?ml$/i;

async function listYamlFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => compareCodeUnits(a.name, b.name));
  for (const e of entries) {
    const child = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listYamlFiles(child)));
    else if (YAML_FILE.test(e.name)) out.push(child);
  }
  return out;
}

function describeDocument(value: Record<string, unknown>): string {
  const name = isPlainObject(value.metadata) && typeof value.metadata.name === 'string' ? ` '${value.metadata.name}'` : '';
  return `${String(value.apiVersion ?? '')} ${String(value.kind)}${name}`.trim();
}

/** Reads the CRDs of one YAML text; `file` is the name findings and notes use. */
export function parseCrdYaml(text: string, file: string): ReadCrdsResult {
  const result: ReadCrdsResult = { crds: [], notes: [], findings: [] };
  const lineCounter = new (yaml().LineCounter)();
  yaml().parseAllDocuments(text, { lineCounter, version: '1.1', uniqueKeys: true }).forEach((doc, document) => {
    const line = lineCounter.linePos(doc.contents?.range?.[0] ?? doc.range[0]).line;
    if (doc.errors.length) {
      const err = doc.errors[0]!;
      result.findings.push({ severity: 'error', code: 'codegen/invalid-yaml', message: `cannot read document ${document + 1}: ${err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`, hint: 'fix the YAML syntax', source: { file, line: err.linePos?.[0]?.line ?? line } });
      return;
    }
    const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (value === null || value === undefined) return;
    if (isPlainObject(value) && typeof value.kind === 'string' && !isCrdDocument(value)) {
      result.notes.push(`${file}:${line} (document ${document + 1}): skipped ${describeDocument(value)}, not a CustomResourceDefinition`);
      return;
    }
    try {
      result.crds.push(readCrd(value, { file, document, line }));
    } catch (error) {
      if (!isKasaneError(error)) throw error;
      result.findings.push(...error.findings);
    }
  });
  return result;
}

/**
 * Reads every CRD in `targets` (YAML files, or folders searched recursively for `.yaml` and
 * `.yml` files in code-unit order). Paths in findings and notes are relative to `cwd`.
 */
export async function readCrdFiles(targets: readonly string[], cwd: string): Promise<ReadCrdsResult> {
  const all: ReadCrdsResult = { crds: [], notes: [], findings: [] };
  for (const target of targets) {
    const abs = path.resolve(cwd, target);
    const info = await stat(abs).catch(() => undefined);
    if (!info) {
      all.findings.push({ severity: 'error', code: 'codegen/file-missing', message: `expected a YAML file or folder at '${target}', found nothing`, hint: 'pass CRD YAML files or folders that hold them' });
      continue;
    }
    const files = info.isDirectory() ? await listYamlFiles(abs) : [abs];
    if (files.length === 0) all.notes.push(`${target}: no .yaml or .yml files`);
    for (const file of files) {
      const rel = path.relative(cwd, file) || file;
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        all.findings.push({ severity: 'error', code: 'codegen/unreadable-file', message: `cannot read '${rel}': ${error instanceof Error ? error.message : String(error)}`, hint: 'check the path and its permissions', source: { file: rel } });
        continue;
      }
      const one = parseCrdYaml(text, rel);
      all.crds.push(...one.crds);
      all.notes.push(...one.notes);
      all.findings.push(...one.findings);
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
