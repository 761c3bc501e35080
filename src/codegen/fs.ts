/**
 * The file side of `kasane import-crd`: write the generated files. The generator itself
 * (generate.ts) stays pure; the CRDs are read by ../load/crd-files.ts.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { GeneratedFile } from './generate.ts';

/** Per-file outcome of {@link writeGeneratedFiles}. */
export interface WriteReport {
  written: string[];
  unchanged: string[];
}

/** Writes `files` under `outDir`, leaving files whose content is already equal untouched. Other files in `outDir` are kept. */
export async function writeGeneratedFiles(outDir: string, files: readonly GeneratedFile[]): Promise<WriteReport> {
  const report: WriteReport = { written: [], unchanged: [] };
  for (const file of files) {
    const abs = path.join(outDir, ...file.path.split('/'));
    const current = await readFile(abs, 'utf8').catch(() => undefined);
    if (current === file.content) {
      report.unchanged.push(file.path);
      continue;
    }
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFile(abs, file.content);
    report.written.push(file.path);
  }
  return report;
}
