/**
 * `render(project, env)` through the render cache: an environment whose key (./keys.ts) equals
 * the cached one comes back from the cache without running a stage; any other is rendered and,
 * when it may be, stored. A render is stored only when it succeeded and its output depends on
 * nothing outside the key: no `secretValue` reference (environment variables and files read at
 * render time), no placeholder, no SealedSecret (sealing is random or keyed by a secret).
 */
import { isKasaneError, type Finding, type ObjectRef } from '../errors.ts';
import type { LoadedProject } from '../load/load-project.ts';
import { render, type RenderResult } from '../pipeline/render.ts';
import type { RenderOptions } from '../pipeline/stage.ts';
import { environmentChain, findEnvironment } from '../project/environment.ts';
import type { PlaintextSecret } from '../secrets/plaintext-output.ts';
import { hiddenSecretTexts } from '../secrets/secret-texts.ts';
import { compareCodeUnits } from '../util/code-unit.ts';
import { digestOf, exactJson, fingerprint } from '../util/fingerprint.ts';
import { environmentKey } from './keys.ts';
import { loadRenderMemo, saveRenderMemo } from './object-memo.ts';
import { dropEntry, readEntry, writeEntry, type RenderCache } from './render-cache.ts';

/** What an entry holds: enough to stage, check or print the environment and report on it. */
interface Payload {
  files: [string, string][];
  objects: [string, ObjectRef][];
  findings: Finding[];
  /** The secret values of the render that its objects do not show in the clear (for the output gate). */
  hidden: string[];
  plaintextSecrets: PlaintextSecret[];
}

/**
 * The render of `env`, from `cache` when its inputs are unchanged; `cached` says which, `stored`
 * whether the cache holds it now (its output depends on nothing outside the key).
 */
export async function renderCached(project: LoadedProject, env: string, options: RenderOptions, cache: RenderCache): Promise<{ result: RenderResult; cached: boolean; stored: boolean }> {
  const started = performance.now();
  const key = await keyOf(project, env, options, cache);
  if (key !== undefined) {
    const payload = await readEntry(cache, env, key);
    if (isPayload(payload)) return { result: resultOf(env, payload, options, performance.now() - started), cached: true, stored: true };
  }
  const loading = performance.now();
  const memo = await loadRenderMemo(cache, env);
  const memoMs = performance.now() - loading;
  const result = render(project, env, { ...options, objectMemo: memo });
  const storing = performance.now();
  const payload = key === undefined ? undefined : payloadOf(result);
  if (payload !== undefined) await writeEntry(cache, env, key!, payload);
  else await dropEntry(cache, env);
  const stored = performance.now();
  if (readsOnlyItsKey(result)) await saveRenderMemo(cache, env, memo);
  // What the cache and the memo cost beside the stages: `store` is the entry's JSON text and its write.
  if (result.timings) Object.assign(result.timings, { memo: memoMs + performance.now() - stored, store: stored - storing });
  return { result, cached: false, stored: payload !== undefined };
}

async function keyOf(project: LoadedProject, env: string, options: RenderOptions, cache: RenderCache): Promise<string | undefined> {
  let chain;
  try {
    chain = environmentChain(findEnvironment(project.environments, env));
  } catch (error) {
    if (isKasaneError(error)) return undefined; // render() reports it
    throw error;
  }
  // Chart components' objects come from helm, outside the key's files: their output is part of the key.
  const charts = options.charts ? fingerprint([...options.charts].sort(([a], [b]) => compareCodeUnits(a, b))) : undefined;
  if (options.charts && !charts) return undefined;
  const envFile = project.environmentFiles.get(env);
  const entries = [envFile, project.configFile].flatMap((f) => (f === undefined ? [] : [f.split('\\').join('/')]));
  try {
    return environmentKey(chain, {
      kasane: cache.kasane.build,
      options: {
        validate: options.validate !== false,
        ...(options.kubernetesVersion !== undefined ? { kubernetesVersion: options.kubernetesVersion } : {}),
        ...(charts ? { charts: digestOf(charts.text) } : {}),
      },
      config: project.config,
      files: project.files,
      modules: project.modules,
      entries,
    });
  } catch (error) {
    if (isKasaneError(error)) return undefined; // render() reports it (a group or value problem)
    throw error;
  }
}

/**
 * Whether nothing of the render comes from outside its key: no `secretValue` reference, no
 * placeholder, no SealedSecret (sealing is random or keyed by a secret). Only then may any of
 * it be kept, as an entry or in the object memo.
 */
function readsOnlyItsKey(result: RenderResult): boolean {
  if (result.secretNeeds && (result.secretNeeds.env.length > 0 || result.secretNeeds.files.length > 0)) return false;
  if (result.placeholders?.length) return false;
  return !result.resources.some((r) => r.object.kind === 'SealedSecret');
}

/** The entry of a render as JSON text, or undefined when the render may not be cached. */
function payloadOf(result: RenderResult): string | undefined {
  const { output } = result;
  if (!output || result.findings.some((f) => f.severity === 'error') || !readsOnlyItsKey(result)) return undefined;
  const objects = [...output.objects];
  const payload: Payload = {
    files: [...output.files],
    objects,
    findings: result.findings,
    hidden: hiddenSecretTexts(
      result.secretValues,
      result.resources.map((r) => r.object),
    ),
    plaintextSecrets: result.plaintextSecrets ?? [],
  };
  // What JSON would not give back exactly is not cached.
  return exactJson(payload);
}

/** The result of a render as the cache gives it back: the output and what the CLI reports about it. */
function resultOf(env: string, payload: Payload, options: RenderOptions, ms: number): RenderResult {
  return {
    env,
    resources: [],
    findings: payload.findings,
    output: { env, files: new Map(payload.files), objects: new Map(payload.objects) },
    secretValues: payload.hidden,
    plaintextSecrets: payload.plaintextSecrets,
    ...(options.secrets?.placeholders === true ? { placeholders: [] } : {}),
    ...(options.timings ? { timings: { cache: ms } } : {}),
  };
}

function isPayload(value: unknown): value is Payload {
  const p = value as Payload;
  return (
    typeof p === 'object' &&
    p !== null &&
    Array.isArray(p.files) &&
    p.files.every((f) => Array.isArray(f) && f.length === 2 && typeof f[0] === 'string' && typeof f[1] === 'string') &&
    Array.isArray(p.objects) &&
    p.objects.every((o) => Array.isArray(o) && typeof o[0] === 'string' && typeof o[1] === 'object' && o[1] !== null) &&
    Array.isArray(p.findings) &&
    Array.isArray(p.hidden) &&
    p.hidden.every((h) => typeof h === 'string') &&
    Array.isArray(p.plaintextSecrets)
  );
}
