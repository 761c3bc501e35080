/**
 * Reading the files (and standard input) that `kasane validate -f` checks, up to a size limit.
 * Every object of the input is held in memory at once, because references between objects are
 * checked across all of them; the limit keeps that memory bounded and turns a file too big
 * for it (or an endless one, like /dev/zero) into a clear error instead of V8's out-of-memory
 * abort.
 */
import { open } from 'node:fs/promises';
import { KasaneError } from '../errors.ts';

/**
 * The most bytes of YAML one `kasane validate -f` reads, all inputs together: 256 MiB. Measured
 * with 1 kB ConfigMaps, validation takes about 4.5 bytes of memory per byte of input (200 MB:
 * 0.95 GB), so this stays well inside V8's default heap limit on a machine with 4 GB or more.
 */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

/** `load/input-too-large`: reading `name` takes the input past {@link MAX_INPUT_BYTES}. */
export function inputTooLarge(name: string): KasaneError {
  return new KasaneError({
    severity: 'error',
    code: 'load/input-too-large',
    message: `'${name}' takes the input past ${MAX_INPUT_BYTES / 2 ** 20} MiB, the most kasane validates in one run`,
    hint: 'validate the manifests in parts, a few files or folders per run',
    source: { file: name },
  });
}

/** The bytes of `chunks` as UTF-8 text, or `load/input-too-large` once they pass `limit` (the part of the budget left). */
export async function readLimited(chunks: AsyncIterable<Uint8Array | string>, name: string, limit = MAX_INPUT_BYTES): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    const part = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    size += part.byteLength;
    if (size > limit) throw inputTooLarge(name);
    parts.push(part);
  }
  return Buffer.concat(parts, size).toString('utf8');
}

/**
 * The text of `file` (a regular file, a pipe such as `<(helm template .)`, or a device); a
 * regular file is refused by its size before it is read.
 * @throws KasaneError `load/input-too-large`, `load/read-failed`
 */
export async function readInputFile(file: string, name: string, limit = MAX_INPUT_BYTES): Promise<string> {
  let handle;
  try {
    handle = await open(file, 'r');
    const info = await handle.stat();
    if (info.isFile() && info.size > limit) throw inputTooLarge(name);
    return await readLimited(handle.createReadStream({ autoClose: false }), name, limit);
  } catch (error) {
    if (error instanceof KasaneError) throw error;
    const err = error as NodeJS.ErrnoException;
    throw new KasaneError({ severity: 'error', code: 'load/read-failed', message: `cannot read '${name}': ${err.message}`, hint: 'pass a readable YAML file, folder or - for stdin', source: { file: name } });
  } finally {
    await handle?.close();
  }
}
