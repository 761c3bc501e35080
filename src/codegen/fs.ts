/**
 * The file side of `kasane import-crd`: write the generated files. The generator itself
 * (generate.ts) stays pure; the CRDs are read by ../load/crd-files.ts.
 */
import { writeFilesUnder, type WriteUnderReport } from '../output/write-under.ts';
import type { GeneratedFile } from './generate.ts';

/** Per-file outcome of {@link writeGeneratedFiles}. */
export type WriteReport = WriteUnderReport;

/**
 * Writes `files` under `outDir`, leaving files whose content is already equal untouched. Other
 * files in `outDir` are kept. Never writes outside `outDir` or through a symbolic link.
 * @throws KasaneError `codegen/unsafe-path` before writing anything when a path would leave `outDir`.
 */
export async function writeGeneratedFiles(outDir: string, files: readonly GeneratedFile[]): Promise<WriteReport> {
  return writeFilesUnder(
    outDir,
    files.map((f) => [f.path, f.content] as const),
    { area: 'codegen', skipUnchanged: true },
  );
}
