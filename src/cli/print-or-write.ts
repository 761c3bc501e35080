/**
 * The `-o, --out <file>` of commands that print one text (graph, schema): stdout without it,
 * else the file, its folders created, and a line on stderr saying so.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EXIT, type CliIo } from './io.ts';

/**
 * Prints `text`, or writes it to `out` (relative to the working folder) and prints
 * `${subject} written to <file>` to stderr. Returns the exit code.
 */
export async function printOrWrite(io: CliIo, out: string | undefined, text: string, subject: string): Promise<number> {
  if (!out) {
    io.stdout(text);
    return EXIT.ok;
  }
  const file = path.resolve(io.cwd, out);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
  io.stderr(`${subject} written to ${path.relative(io.cwd, file)}\n`);
  return EXIT.ok;
}
