#!/usr/bin/env node
// The floor of an unchanged render: reading and hashing every file under the given folders
// (the project's sources and its output folder), as the input manifest's check must at least
// do, with no kasane code loaded. Node built-ins only.
//
//   node bench/read-floor.mjs DIR...
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

let files = 0;
let bytes = 0;
function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') walk(abs);
    else if (entry.isFile()) {
      const data = readFileSync(abs);
      createHash('sha1').update(data).digest('hex');
      files += 1;
      bytes += data.length;
    }
  }
}
for (const dir of process.argv.slice(2)) walk(dir);
process.stderr.write(`read ${files} files, ${(bytes / 2 ** 20).toFixed(1)} MiB\n`);
