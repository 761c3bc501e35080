/**
 * `kasane render [env...] [--out DIR] [--stdout] [--check]`
 */
import path from 'node:path';
import { Command } from 'commander';
import { isKasaneError, type Finding } from '../../errors.ts';
import { renderableEnvironments, type RenderResult } from '../../pipeline.ts';
import { emitDocuments } from '../../render/emit.ts';
import { checkEnvironment, type FileDrift } from '../../render/check.ts';
import { orderResources, type RenderedEnvironment } from '../../render/files.ts';
import { readTree, writeEnvironments } from '../../render/write.ts';
import { Exit, loadForCli, renderForCli, report, type ProjectFlags } from '../context.ts';
import type { CliIo } from '../io.ts';

interface RenderFlags extends ProjectFlags {
  out?: string;
  stdout?: boolean;
  check?: boolean;
  validate?: boolean;
  timings?: boolean;
}

/** `kasane render`. */
export function makeRenderCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('render')
    .description('render environments to YAML (all non-abstract environments when none are named)')
    .argument('[env...]', 'environments to render')
    .option('-o, --out <dir>', 'output folder (default: `out` of kasane.config.ts, else rendered/)')
    .option('--stdout', 'print YAML to stdout instead of writing files')
    .option('--check', 'write nothing; exit 1 and print a diff when the output folder is out of date')
    .option('--no-validate', 'skip schema, reference and policy checks')
    .option('--timings', 'print the time each stage took')
    .option('-C, --project <dir>', 'project folder', '.')
    .option('--json', 'print findings as JSON on stdout')
    .addHelpText(
      'after',
      `
Examples:
  $ kasane render                 render every environment into the output folder
  $ kasane render prod --stdout   print prod's YAML
  $ kasane render --check         fail (exit 1) if the committed output is stale`,
    )
    .action(async (envs: string[], flags: RenderFlags) => setExit(await runRender(io, envs, flags)));
}

async function runRender(io: CliIo, envArgs: string[], flags: RenderFlags): Promise<number> {
  const project = await loadForCli(io, flags);
  const envs = envArgs.length ? envArgs : renderableEnvironments(project);
  if (envs.length === 0) {
    return report(io, [{ severity: 'error', code: 'cli/no-environments', message: 'the project has no environment to render', hint: 'add environments/<name>.ts exporting defineEnvironment({...}) that is not abstract' }], project.root, flags);
  }
  const results: RenderResult[] = envs.map((env) => renderForCli(io, project, env, { validate: flags.validate !== false, timings: !!flags.timings }));
  const findings: Finding[] = results.flatMap((r) => r.findings);
  const code = report(io, findings, project.root, flags, envs.join(', '));
  if (flags.timings) for (const r of results) io.stderr(`${r.env}: ${Object.entries(r.timings ?? {}).map(([k, v]) => `${k} ${v.toFixed(1)} ms`).join(', ')}\n`);
  if (code !== 0) {
    io.stderr('nothing written: fix the errors above and run again\n');
    return code;
  }
  const outputs = results.map((r) => r.output!);
  if (flags.stdout) {
    io.stdout(emitDocuments(results.flatMap((r) => orderResources(r.resources).map((res) => res.object))));
    return 0;
  }
  const outDir = path.resolve(project.root, flags.out ?? project.config.out);
  if (flags.check) return check(io, outDir, outputs, project.root);
  try {
    const reports = await writeEnvironments(outDir, outputs);
    for (const r of reports) {
      const objects = outputs.find((o) => o.env === r.env)!.objects.size;
      io.stderr(`${r.env}: ${objects} objects, ${r.written} files written, ${r.unchanged} unchanged, ${r.removed} removed → ${path.relative(io.cwd, path.join(outDir, r.env)) || '.'}\n`);
      for (const f of r.foreign) io.stderr(`warning: ${r.env}/${f} was not written by kasane and was left as it is\n`);
    }
    return 0;
  } catch (error) {
    if (isKasaneError(error)) return report(io, error.findings, project.root, flags);
    throw error;
  }
}

async function check(io: CliIo, outDir: string, outputs: readonly RenderedEnvironment[], root: string): Promise<number> {
  const drift: FileDrift[] = [];
  for (const out of outputs) drift.push(...checkEnvironment(out.env, out.files, await readTree(path.join(outDir, out.env)), out.objects));
  const rel = path.relative(io.cwd, outDir) || '.';
  if (drift.length === 0) {
    io.stderr(`up to date: ${outputs.map((o) => o.env).join(', ')} in ${rel}\n`);
    return 0;
  }
  for (const d of drift) io.stdout(d.diff);
  const count = (c: FileDrift['change']) => drift.filter((d) => d.change === c).length;
  io.stderr(
    `drift: ${drift.length} file${drift.length === 1 ? '' : 's'} out of date in ${rel} (${count('changed')} changed, ${count('added')} to add, ${count('removed')} to remove)\n` +
      `fix: run \`kasane render${outputs.length === 1 ? ' ' + outputs[0]!.env : ''}${path.relative(root, outDir) === 'rendered' ? '' : ` --out ${rel}`}\` and commit the result\n`,
  );
  throw new Exit(1);
}
