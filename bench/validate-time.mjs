#!/usr/bin/env node
// Validation time per object, of two builds of kasane on the same project. Each sample is a
// child process that renders every environment once without validation, validates them all
// three times to warm up, then validates them `--rounds` times and reports the CPU time it took
// (user + system: on a shared machine, wall time mostly measures the neighbours). Samples
// alternate between the builds; the script prints min / median / max microseconds of CPU per
// object and the ratio of the medians.
//
//   node bench/validate-time.mjs --before OLD/dist/index.js --after dist/index.js --project DIR [--samples 9] [--rounds 15]
//
// OLD is a built checkout of the commit to compare with (git archive COMMIT | tar -x -C OLD;
// link node_modules; node scripts/build.mjs --no-types).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values: opts } = parseArgs({
  options: {
    before: { type: 'string' },
    after: { type: 'string' },
    project: { type: 'string' },
    samples: { type: 'string', default: '9' },
    rounds: { type: 'string', default: '15' },
    child: { type: 'string' },
  },
});

/** In a child: CPU microseconds per object of `rounds` validations of every environment. */
async function sample(entry) {
  const url = pathToFileURL(path.resolve(entry)).href;
  const lib = await import(url);
  const project = await lib.loadProject(opts.project, { libraryEntry: url, cacheDir: path.join(path.dirname(path.resolve(entry)), '.bench-cache') });
  const sets = lib.renderableEnvironments(project).map((env) => lib.render(project, env, { validate: false }).resources);
  const options = project.config.kubernetesVersion ? { kubernetesVersion: project.config.kubernetesVersion } : {};
  const objects = sets.reduce((n, s) => n + s.length, 0);
  for (let i = 0; i < 3; i++) for (const s of sets) lib.validate(s, options);
  const start = process.cpuUsage();
  for (let i = 0; i < Number(opts.rounds); i++) for (const s of sets) lib.validate(s, options);
  const used = process.cpuUsage(start);
  process.stdout.write(`${objects} ${(used.user + used.system) / Number(opts.rounds) / objects}\n`);
}

if (opts.child) {
  await sample(opts.child);
} else {
  if (!opts.before || !opts.after || !opts.project) {
    process.stderr.write('usage: node bench/validate-time.mjs --before OLD/dist/index.js --after dist/index.js --project DIR [--samples 9] [--rounds 15]\n');
    process.exit(2);
  }
  const self = fileURLToPath(import.meta.url);
  const samples = { before: [], after: [] };
  let objects = 0;
  for (let i = 0; i < Number(opts.samples); i++) {
    for (const name of i % 2 ? ['after', 'before'] : ['before', 'after']) {
      const out = execFileSync(process.execPath, [self, '--child', opts[name], '--project', opts.project, '--rounds', opts.rounds], { encoding: 'utf8' });
      const [n, us] = out.trim().split(' ').map(Number);
      objects = n;
      samples[name].push(us);
    }
  }
  const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
  const fmt = (v) => v.toFixed(2);
  process.stdout.write(`${objects} objects, ${opts.samples} samples of ${opts.rounds} rounds each, µs of CPU per object\n\n| build | min | median | max |\n|---|---|---|---|\n`);
  for (const [name, v] of Object.entries(samples)) process.stdout.write(`| ${name} | ${fmt(Math.min(...v))} | ${fmt(median(v))} | ${fmt(Math.max(...v))} |\n`);
  process.stdout.write(`\nafter / before (medians): ${(median(samples.after) / median(samples.before)).toFixed(3)}\n`);
}
