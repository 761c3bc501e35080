#!/usr/bin/env node
import { run } from '../dist/cli.js';

// A reader that stops early (`kasane render --stdout | head`) is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
  isTTY: Boolean(process.stderr.isTTY),
  readStdin: async (limit = Infinity) => {
    const chunks = [];
    let total = 0;
    for await (const chunk of process.stdin) {
      chunks.push(chunk);
      total += chunk.length;
      if (total > limit) break;
    }
    return Buffer.concat(chunks);
  },
});
