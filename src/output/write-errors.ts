/**
 * What a failed file-system call on the output folder means to the user: one finding with its
 * own code for each kind of trouble (a read-only file system, a folder that cannot be read or
 * removed, a path that is not a folder), never an internal error.
 */
import { KasaneError, isKasaneError, type Finding } from '../errors.ts';

/** What kasane was doing when the call failed. */
export type FsAction = 'write' | 'read' | 'remove';

/** Node's text of a failed call, which already starts with the error code (`EACCES: …`); the code is added when it does not. */
function systemMessage(err: NodeJS.ErrnoException): string {
  const message = err.message ?? String(err);
  return err.code && !message.startsWith(err.code) ? `${err.code}: ${message}` : message;
}

const WRITABLE_HINT = 'choose an output folder that is a writable directory (--out DIR or `out` in kasane.config.ts)';

function findingFor(action: FsAction, file: string, err: NodeJS.ErrnoException): Omit<Finding, 'severity'> {
  if (err.code === 'EROFS') {
    return {
      code: 'render/read-only-file-system',
      message: `cannot ${action} '${file}': the file system is read-only (EROFS)`,
      hint: 'render into a folder on a writable file system with --out DIR; `render --check` and `render --stdout` write nothing',
    };
  }
  if (action === 'read') {
    return { code: 'render/read-failed', message: `cannot read '${file}': ${systemMessage(err)}`, hint: 'make the output folder and everything in it readable, or choose another one with --out DIR' };
  }
  if (action === 'remove') {
    return { code: 'render/cannot-remove', message: `cannot remove '${file}': ${systemMessage(err)}`, hint: 'make the folder and its subfolders writable, or move it away yourself' };
  }
  if (err.code === 'ENOTDIR' || err.code === 'EEXIST') {
    return { code: 'render/out-not-a-directory', message: `cannot write '${file}': ${systemMessage(err)}`, hint: WRITABLE_HINT };
  }
  return { code: 'render/write-failed', message: `cannot write '${file}': ${systemMessage(err)}`, hint: WRITABLE_HINT };
}

/** True for an error of a file-system call (it carries a string `code` such as `ENOENT`). */
export function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}

/**
 * The {@link KasaneError} for a failed file-system call on `file`; a KasaneError and anything that
 * is not a system error (a bug) pass through unchanged.
 */
export function fsFailure(action: FsAction, file: string, error: unknown, env?: string): unknown {
  if (isKasaneError(error) || !isSystemError(error)) return error;
  return new KasaneError({ severity: 'error', ...findingFor(action, file, error), ...(env ? { env } : {}) });
}

/** The error code of a system error, or undefined. */
export function errnoOf(error: unknown): string | undefined {
  return isSystemError(error) ? error.code : undefined;
}
