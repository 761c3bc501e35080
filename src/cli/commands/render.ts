/**
 * `kasane render [env...] [--out DIR] [--stdout] [--check]`
 */
import path from 'node:path';
import { Command } from 'commander';
import { countOf, isKasaneError, type Finding } from '../../errors.ts';
import { renderableEnvironments } from '../../pipeline/render.ts';
import { locateProject, projectCacheDir, type LoadedProject } from '../../load/load-project.ts';
import { assertNotLocked, commitStaged, discardStaged, ensureOutDir, lockOutput, recoverOutput, type OutputLock, type StagedEnvironment } from '../../output/write.ts';
import { watchRender } from '../watch-render.ts';
import { workerGenerations, type Generations } from '../watch-generations.ts';
import { Exit, loadForCli, projectOption, reportFindings, type ProjectFlags } from '../context.ts';
import { EXIT, type CliIo } from '../io.ts';
import { runPruneJob, type RenderOutcome, type RenderTarget } from '../render-job.ts';
import { NO_ORPHANS, orphansOf, type Orphans } from '../orphans.ts';
import { shardFlag } from '../shard-flag.ts';
import { removeIfEmpty } from '../../output/write-orphans.ts';
import { inShard, type Shard } from '../../project/shard.ts';
import { renderEnvironments } from '../render-environments.ts';
import { kasaneIdentity } from '../../incremental/kasane-identity.ts';
import { openRenderCache, type RenderCache } from '../../incremental/render-cache.ts';
import type { ManifestOptions } from '../../incremental/input-manifest.ts';
import { answerFromManifest, storeManifest } from '../render-manifest.ts';
import { writeSecretOutput } from '../redacting-io.ts';
import { reportCheck } from '../check-report.ts';

/** The options of `kasane render`, as commander parses them. */
export interface RenderFlags extends ProjectFlags {
  out?: string;
  stdout?: boolean;
  check?: boolean;
  validate?: boolean;
  timings?: boolean;
  cache?: boolean;
  watch?: boolean;
  shard?: string;
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
    .option('-w, --watch', 'render, then render again whenever a file of the project changes, until Ctrl-C; a failed render keeps the last good output')
    .option('--no-cache', 'render every environment from scratch, without reading or writing the render cache (nor its input manifest, which answers for an unchanged project without loading it)')
    .option('--timings', 'print the time of loading, of each stage of each environment and of the commit')
    .option('--shard <i/n>', 'render only shard i of n: a stable share of the environments, for a CI matrix (see docs/fleets.md)')
    .addOption(projectOption())
    .option('--json', 'print findings as JSON on stdout')
    .addHelpText(
      'after',
      `
Secrets: a Secret with values is written only into a file git ignores (or with the annotation
kasane.dev/commit-plaintext: "true"); --stdout prints the values. --check needs no secret
values: one it cannot read is not compared, and it says which (see docs/secrets.md).

Charts: chart components (helmChart) run helm (KASANE_HELM, else PATH) on the vendored charts,
offline; a missing or changed vendor folder is an error (run kasane vendor; see docs/charts.md).

Examples:
  $ kasane render                 render every environment into the output folder
  $ kasane render prod --stdout   print prod's YAML
  $ kasane render --check         fail (exit 1) if the committed output is stale
  $ kasane render --watch         render on every save while you edit
  $ kasane render --check --shard 3/10   check the third of ten shards (one CI job each)`,
    )
    .action(async (envs: string[], flags: RenderFlags) => setExit(await (flags.watch ? runWatch(io, envs, flags) : runRender(io, envs, flags))));
}

/** `render --watch`: {@link runRender} on every change until stopped; a failed render only prints its findings. */
async function runWatch(io: CliIo, envArgs: string[], flags: RenderFlags): Promise<number> {
  if (flags.check || flags.stdout) {
    const flag = flags.check ? '--check' : '--stdout';
    reportFindings(
      io,
      [{ severity: 'error', code: 'cli/invalid-option', message: `--watch writes the output folder: it cannot be combined with ${flag}`, hint: `drop --watch or ${flag}` }],
      io.cwd,
      flags,
    );
    return EXIT.usage;
  }
  let root: string;
  let generations: Generations;
  // Until a load tells the configured one: the default, or the flag.
  let outDir = '';
  try {
    root = await locateProject(io.cwd, flags.project);
    outDir = path.resolve(root, flags.out ?? 'rendered');
    // Each render runs in a worker of its own: ending it frees every module its load imported.
    generations = workerGenerations(io, { envArgs, flags, root }, (dir) => (outDir = dir));
  } catch (error) {
    if (!isKasaneError(error)) throw error;
    reportFindings(io, error.findings, io.cwd, flags);
    return EXIT.usage;
  }
  try {
    return await watchRender(io, { root, outDir: () => outDir }, () => generations.render());
  } finally {
    await generations.close();
  }
}

/**
 * One render of `render --watch` (in a worker of watch-generations.ts): {@link runRender},
 * telling `onOutDir` the output folder once the project is loaded; a render that fails only
 * prints its findings.
 */
export async function renderGeneration(io: CliIo, envArgs: string[], flags: RenderFlags, root: string, onOutDir: (dir: string) => void): Promise<void> {
  try {
    await runRender(io, envArgs, flags, (project) => onOutDir(path.resolve(project.root, flags.out ?? project.config.out)));
  } catch (error) {
    // Findings were printed (loadForCli, a check): the next save tries again.
    if (error instanceof Exit) return;
    if (!isKasaneError(error)) throw error;
    reportFindings(io, error.findings, root, flags);
  }
}

async function runRender(io: CliIo, envArgs: string[], flags: RenderFlags, onLoaded?: (project: LoadedProject) => void): Promise<number> {
  const started = performance.now();
  const shard = shardFlag(io, envArgs, flags);
  // Unchanged inputs and output: answered from the input manifest, without loading the project.
  const early = onLoaded || flags.cache === false || flags.stdout || flags.timings ? undefined : await earlyCache(io, envArgs, flags);
  const answered = early && (await answerEarly(io, flags, early, shard));
  if (answered !== undefined) return answered;
  const project = await loadForCli(io, flags);
  onLoaded?.(project);
  const loadMs = performance.now() - started;
  const envs = envArgs.length ? envArgs : renderableEnvironments(project).filter((env) => inShard(env, shard));
  const outDir = path.resolve(project.root, flags.out ?? project.config.out);
  // Folders of environments that are gone: only on a render of the whole project (or a shard).
  const orphans = envArgs.length || flags.stdout ? NO_ORPHANS : await orphansOf(project, outDir, shard);
  if (envs.length === 0 && shard && !orphans.pending.length) {
    reportFindings(io, orphans.warnings, project.root, flags);
    io.stderr(`shard ${shard.index}/${shard.count}: no environment falls to this shard\n`);
    return 0;
  }
  if (envs.length === 0 && !shard) {
    return reportFindings(
      io,
      [
        {
          severity: 'error',
          code: 'cli/no-environments',
          message: 'the project has no environment to render',
          hint: 'add environments/<name>.ts exporting defineEnvironment({...}) that is not abstract',
        },
      ],
      project.root,
      flags,
    );
  }
  const target: RenderTarget = flags.stdout ? { kind: 'stdout' } : flags.check ? { kind: 'check', outDir } : { kind: 'write', outDir, token: String(process.pid) };
  const manifest = onLoaded || flags.stdout ? undefined : manifestOptions(io, project.root, envArgs, flags);
  const output: OutputState = { loadMs, orphans, ...(shard ? { shard } : {}), ...(early ? { cache: early.cache } : {}), ...(manifest ? { manifest } : {}) };
  // A check reads the folder: not while a render is swapping environments in.
  if (target.kind === 'check') await assertNotLocked(outDir);
  if (target.kind !== 'write') return renderAndOutput(io, project, envs, flags, target, output);
  // The output folder stays locked from before the clean-up after an earlier render until
  // the commit: staging reads what the folder holds, and nobody else may change it meanwhile.
  try {
    output.createdOutDir = await ensureOutDir(outDir);
    output.lock = await lockOutput(outDir);
    if (output.lock.held) output.recovered = recoverOutput(outDir);
  } catch (error) {
    output.error = error;
  }
  try {
    return await renderAndOutput(io, project, envs, flags, target, output);
  } finally {
    await output.lock?.release();
    if (output.discard) await discardStaged(output.discard, output.createdOutDir, outDir);
  }
}

/** The output folder of a render: its lock, what preparing it found, what to discard at the end. */
interface OutputState {
  loadMs: number;
  createdOutDir?: string;
  lock?: OutputLock;
  /** Warnings of the clean-up after an earlier render. */
  recovered?: Finding[];
  /** Preparing the folder failed: rendering still runs, for its findings, but writes nothing. */
  error?: unknown;
  /** Set on failure: staging folders to remove once the lock is released. */
  discard?: StagedEnvironment[];
  /** Folders of environments that are gone: to prune, or warnings. */
  orphans: Orphans;
  /** `--shard`, when given. */
  shard?: Shard;
  /** The render cache, when it was opened before loading. */
  cache?: RenderCache;
  /** The options an input manifest of this render is stored under, when one may be. */
  manifest?: ManifestOptions;
}

/** The render cache and the manifest options of a render, before loading: undefined when the project cannot be located (the normal path reports it). */
async function earlyCache(io: CliIo, envArgs: string[], flags: RenderFlags): Promise<{ cache: RenderCache; manifest: ManifestOptions } | undefined> {
  const root = await locateProject(io.cwd, flags.project).catch(() => undefined);
  if (root === undefined) return undefined;
  return { cache: openRenderCache(projectCacheDir(root), await kasaneIdentity(), (line) => io.stderr(`${line}\n`)), manifest: manifestOptions(io, root, envArgs, flags) };
}

/** Prints what the input manifest answers, as a render prints it, and returns the exit code; undefined when it does not answer. */
async function answerEarly(io: CliIo, flags: RenderFlags, early: { cache: RenderCache; manifest: ManifestOptions }, shard: Shard | undefined): Promise<number | undefined> {
  const answer = await answerFromManifest(io, early.manifest, early.cache);
  if (!answer) return undefined;
  const root = early.manifest.root;
  reportFindings(
    io,
    answer.outcomes.flatMap((o) => o.findings),
    root,
    flags,
    answer.envs.join(', '),
  );
  if (flags.check) return reportCheck(io, answer.outDir, answer.outcomes, root, flags.out, shard);
  const target = { kind: 'write', outDir: answer.outDir, token: String(process.pid) } as const;
  return commit(
    io,
    target,
    answer.outcomes.map((o) => o.staged!),
    answer.outcomes,
    root,
    flags,
    { loadMs: 0, orphans: NO_ORPHANS },
  );
}

function manifestOptions(io: CliIo, root: string, envArgs: string[], flags: RenderFlags): ManifestOptions {
  return { cwd: io.cwd, root, envs: envArgs, out: flags.out ?? null, validate: flags.validate !== false, shard: flags.shard ?? null };
}

async function renderAndOutput(io: CliIo, project: LoadedProject, envs: string[], flags: RenderFlags, target: RenderTarget, output: OutputState): Promise<number> {
  const root = project.root;
  // Each environment is staged (or compared) as soon as it renders, so only one is held in
  // memory at a time; the staged folders are swapped in once every environment succeeded.
  const cache = flags.cache === false ? undefined : (output.cache ?? openRenderCache(project.cacheDir, await kasaneIdentity(), (line) => io.stderr(`${line}\n`)));
  const record = cache !== undefined && output.manifest !== undefined && !output.recovered?.length && !output.orphans.warnings.length;
  const jobFlags = { validate: flags.validate !== false, timings: !!flags.timings, record, ...(cache ? { cache } : {}) };
  const rendered = await renderEnvironments(io, project, envs, jobFlags, target, output.error === undefined);
  // Gone environments' folders are pruned like environments are written: only when all rendered.
  const failed = output.error !== undefined || rendered.some((o) => o.findings.some((f) => f.severity === 'error'));
  const pruned: RenderOutcome[] = [];
  if (target.kind !== 'stdout' && !failed) for (const env of output.orphans.pending) pruned.push(await runPruneJob(env, target));
  const outcomes = [...rendered, ...pruned];
  const staged = outcomes.flatMap((o) => (o.staged ? [o.staged] : []));
  const findings: Finding[] = [...(output.recovered ?? []), ...output.orphans.warnings, ...outcomes.flatMap((o) => o.findings)];
  const code = reportFindings(io, findings, root, flags, envs.join(', '));
  if (flags.timings) {
    io.stderr(`load: ${output.loadMs.toFixed(1)} ms\n`);
    for (const o of outcomes)
      io.stderr(
        `${o.env}: ${Object.entries(o.timings ?? {})
          .map(([k, v]) => `${k} ${v.toFixed(1)} ms`)
          .join(', ')}\n`,
      );
  }
  if (code !== 0) {
    output.discard = staged;
    io.stderr('nothing written: fix the errors above and run again\n');
    return code;
  }
  if (target.kind === 'stdout') {
    // The one output meant to hold secret values: YAML for `kubectl apply -f -`.
    writeSecretOutput(io, outcomes.flatMap((o) => (o.yaml ? [o.yaml] : [])).join('---\n'));
    return 0;
  }
  const failure = output.error ?? outcomes.find((o) => o.outputError !== undefined)?.outputError;
  if (failure !== undefined) {
    output.discard = staged;
    if (isKasaneError(failure)) return reportFindings(io, failure.findings, root, flags);
    throw failure;
  }
  const done = target.kind === 'check' ? reportCheck(io, target.outDir, outcomes, root, flags.out, output.shard) : await commit(io, target, staged, outcomes, root, flags, output);
  if (done === 0 && record) await storeManifest(project, output.manifest!, target.outDir, outcomes, cache!);
  return done;
}

/** Puts the staged folders in place and prints one line per environment. */
async function commit(
  io: CliIo,
  target: Extract<RenderTarget, { kind: 'write' }>,
  staged: StagedEnvironment[],
  outcomes: readonly RenderOutcome[],
  root: string,
  flags: RenderFlags,
  output: OutputState,
): Promise<number> {
  const committing = performance.now();
  let reports;
  try {
    reports = await commitStaged(target.outDir, staged, target.token, output.lock ? { lock: output.lock } : {});
  } catch (error) {
    if (isKasaneError(error)) return reportFindings(io, error.findings, root, flags);
    throw error;
  }
  if (flags.timings) io.stderr(`commit: ${(performance.now() - committing).toFixed(1)} ms\n`);
  for (const r of reports) {
    const objects = outcomes.find((o) => o.env === r.env)!.objects;
    if (output.orphans.pending.includes(r.env)) {
      const gone = await removeIfEmpty(path.join(target.outDir, r.env));
      io.stderr(`${r.env}: pruned (no environment renders it), ${r.removed} removed${gone ? ', folder removed' : ''} → ${path.relative(io.cwd, path.join(target.outDir, r.env)) || '.'}\n`);
      for (const f of r.foreign) io.stderr(`warning: ${r.env}/${f} was not written by kasane and was left as it is\n`);
      continue;
    }
    io.stderr(
      `${r.env}: ${countOf(objects, 'object')}, ${countOf(r.written, 'file')} written, ${r.unchanged} unchanged, ${r.removed} removed → ${path.relative(io.cwd, path.join(target.outDir, r.env)) || '.'}\n`,
    );
    for (const f of r.foreign) io.stderr(`warning: ${r.env}/${f} was not written by kasane and was left as it is\n`);
  }
  const warnings = reports.flatMap((r) => r.warnings ?? []);
  if (warnings.length) reportFindings(io, warnings, root, flags);
  return 0;
}
