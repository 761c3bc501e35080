#!/usr/bin/env node
import { processIo, run } from '../dist/cli.js';

// processIo keeps a reader that stops early (`| head`) from changing the exit code.
const { io, finish } = processIo();
process.exitCode = finish(await run(process.argv.slice(2), io));
