/**
 * The real process as the CLI's {@link CliIo}, for bin/kasane.js. A reader that stops early
 * (`kasane render --stdout | head -1`, `kasane diff a b | head`) closes the pipe: the rest of
 * the output is dropped quietly and the command still ends with its own exit code. Any other
 * failure to write stdout is reported once on stderr and ends with exit code 2.
 */
import { countOf } from '../errors.ts';
import { EXIT, type CliIo } from './io.ts';

/** The process's io, and `finish`, which turns the command's exit code into the process's. */
export interface ProcessIo {
  io: CliIo;
  finish(code: number): number;
}

/** Wraps `process.stdout`/`process.stderr` so that a closed pipe ends output, not the process. */
export function processIo(): ProcessIo {
  let stdoutClosed = false;
  let stdoutError: NodeJS.ErrnoException | undefined;
  let dropped = 0;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    stdoutClosed = true;
    if (error.code !== 'EPIPE') stdoutError ??= error;
  });
  // Nothing is left to tell about a closed stderr.
  process.stderr.on('error', () => undefined);
  const io: CliIo = {
    stdout: (text) => {
      if (stdoutClosed) dropped += text.length;
      else process.stdout.write(text);
    },
    stderr: (text) => {
      process.stderr.write(text);
    },
    cwd: process.cwd(),
    env: process.env,
    isTTY: Boolean(process.stderr.isTTY),
    // At most `limit` bytes and one chunk more: the reader tells a too-large input by its length.
    readStdin: async (limit = Infinity) => {
      const chunks: Buffer[] = [];
      let total = 0;
      for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
        chunks.push(chunk);
        total += chunk.length;
        if (total > limit) break;
      }
      return Buffer.concat(chunks, total);
    },
  };
  const finish = (code: number): number => {
    if (!stdoutError) return code;
    process.stderr.write(`error: cannot write to standard output: ${stdoutError.message}${dropped ? ` (${countOf(dropped, 'character')} not written)` : ''}\n`);
    return Math.max(code, EXIT.usage);
  };
  return { io, finish };
}
