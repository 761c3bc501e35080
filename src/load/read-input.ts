/**
 * Reading input files for the commands that take YAML from elsewhere (`validate -f`, `import`,
 * `import-crd`): bounded reads, so a huge file or a device such as /dev/zero gives an error
 * instead of exhausting memory.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { MAX_INPUT_BYTES, type FileProblem } from '../k8s/input-findings.ts';

/** The bytes of `file`, at most {@link MAX_INPUT_BYTES}; devices and pipes are read the same way. */
export function readInputFile(file: string, limit = MAX_INPUT_BYTES): { bytes: Uint8Array } | { problem: FileProblem } {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    return { problem: { code: 'unreadable-file', message: `cannot read '${file}': ${(error as NodeJS.ErrnoException).code ?? String(error)}` } };
  }
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, limit + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > limit) return { problem: tooLarge(file, limit) };
    }
    return { bytes: Buffer.concat(chunks, total) };
  } catch (error) {
    return { problem: { code: 'unreadable-file', message: `cannot read '${file}': ${(error as NodeJS.ErrnoException).code ?? String(error)}` } };
  } finally {
    closeSync(fd);
  }
}

/** The problem of input over `limit` bytes. */
export function tooLarge(file: string, limit = MAX_INPUT_BYTES): FileProblem {
  return { code: 'input-too-large', message: `expected at most ${limit / 1024 / 1024} MiB in '${file}', found more` };
}
