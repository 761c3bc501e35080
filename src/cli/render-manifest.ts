/**
 * `kasane render` before loading the project: when the input manifest of the same command
 * options (incremental/input-manifest.ts) finds every input unchanged and the output folder
 * holding exactly the recorded files, the command answers with the recorded outcomes, which
 * render.ts prints as it prints a render's. Anything else (no manifest, a changed input, a
 * file that differs, is missing or extra, a leftover of an interrupted render, a possible
 * orphan folder) is the normal path, which loads, renders and reports.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { LoadedProject } from '../load/load-project.ts';
import { isInputManifest, manifestSlot, sameOutput, type InputManifest, type ManifestOptions } from '../incremental/input-manifest.ts';
import { entryStamp, inputsUnchanged, recordInputs } from '../incremental/input-state.ts';
import { readEntry, writeEntry, type RenderCache } from '../incremental/render-cache.ts';
import { ownedFiles } from '../output/write-plan.ts';
import { readOutputTree } from '../output/write.ts';
import { renderableEnvironments } from '../pipeline/render.ts';
import { exactJson } from '../util/fingerprint.ts';
import type { CliIo } from './io.ts';
import { plaintextGuard } from './plaintext-guard.ts';
import { rememberSecrets } from './redacting-io.ts';
import type { RenderOutcome } from './render-job.ts';

/** What the manifest answers for: the environments, the output folder, and each environment's outcome with nothing to write or report as drift. */
export interface ManifestAnswer {
  envs: string[];
  outDir: string;
  outcomes: RenderOutcome[];
}

/**
 * The recorded outcomes of a render with `options`, when nothing changed since; else undefined.
 * The output gate of `io` learns the recorded secret values, as from a render.
 */
export async function answerFromManifest(io: CliIo, options: ManifestOptions, cache: RenderCache): Promise<ManifestAnswer | undefined> {
  const slot = manifestSlot(options);
  const manifest = await readEntry(cache, slot.name, slot.key, 'loading the project');
  if (!isInputManifest(manifest) || manifest.envs.length === 0) return undefined;
  if (!(await inputsUnchanged(manifest.inputs, options.root))) return undefined;
  for (const record of manifest.envs) {
    // A changed cache entry is the normal path's to read (and to note, when it is damaged).
    const now = await entryStamp(cache, record.env);
    if (now?.size !== record.entry?.size || now?.mtimeMs !== record.entry?.mtimeMs) return undefined;
  }
  if (!(await outputUnchanged(manifest, options.envs.length === 0))) return undefined;
  for (const r of manifest.envs) {
    const output = { env: r.env, files: new Map<string, string>(), objects: new Map(r.plaintextFiles) };
    // A refusal is the normal path's to report, with everything else a render reports.
    if ((await plaintextGuard(io, manifest.outDir, output, r.plaintext)).length) return undefined;
  }
  for (const r of manifest.envs) rememberSecrets(io, r.hidden);
  return {
    envs: manifest.envs.map((r) => r.env),
    outDir: manifest.outDir,
    outcomes: manifest.envs.map((r) => ({
      env: r.env,
      findings: r.findings,
      objects: r.objects,
      drift: [],
      staged: { env: r.env, target: path.join(manifest.outDir, r.env), report: { env: r.env, written: 0, unchanged: r.files.length, removed: 0, foreign: [] } },
    })),
  };
}

/**
 * True when the output folder holds each environment's recorded files, and nothing a render
 * would act on besides: no hidden entry (a lock, a journal, a staging folder to recover), no
 * folder of an environment the project does not render when the render looks for orphans
 * (`wholeProject`: without environment names), no entry kasane did not
 * write in an environment folder.
 */
async function outputUnchanged(manifest: InputManifest, wholeProject: boolean): Promise<boolean> {
  const known = new Set(manifest.renderable);
  try {
    const entries = await readdir(manifest.outDir, { withFileTypes: true });
    if (entries.some((e) => e.name.startsWith('.'))) return false;
    const folders = new Set(entries.filter((e) => e.isDirectory()).map((e) => e.name));
    // Any other folder may be one a render of the whole project warns about or prunes.
    if (wholeProject && [...folders].some((name) => !known.has(name))) return false;
    for (const record of manifest.envs) {
      if (!folders.has(record.env)) return false;
      const tree = readOutputTree(path.join(manifest.outDir, record.env));
      if (tree.others.length > 0 || ownedFiles(tree.files).size !== tree.files.size || !sameOutput(record.files, tree.files)) return false;
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * Stores the manifest of a render with `options` that succeeded, when the cache holds every
 * environment's render (`RenderOutcome.record`); a render of anything else stores none.
 */
export async function storeManifest(project: LoadedProject, options: ManifestOptions, outDir: string, outcomes: readonly RenderOutcome[], cache: RenderCache): Promise<void> {
  if (outcomes.length === 0 || outcomes.some((o) => o.record === undefined)) return;
  const envs = [];
  for (const o of outcomes) envs.push({ ...o.record!, entry: await entryStamp(cache, o.env) });
  if (envs.some((r) => r.entry === null)) return;
  const manifest: InputManifest = { inputs: await recordInputs(project), outDir, renderable: renderableEnvironments(project), envs };
  const text = exactJson(manifest);
  const slot = manifestSlot(options);
  if (text !== undefined) await writeEntry(cache, slot.name, slot.key, text);
}
