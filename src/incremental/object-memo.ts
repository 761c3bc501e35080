/**
 * The object memo: per-object results of a render (each object's YAML) kept in the project's
 * cache folder, one file per environment beside the render cache (`<cache folder>/objects/`),
 * so that a render whose environment key changed writes only the objects whose content
 * changed as YAML again. (Schema findings were measured too: keying an object costs as much
 * as checking it, so they are not kept; see bench/RESULTS.md.)
 *
 * Never stale: a result is kept under a digest of everything its step reads (the object's
 * exact JSON and the step's context), in a file written by this very kasane build (the render
 * cache's header check). A file holds the results the environment's last render used, so it
 * does not grow. The same policy as the render cache: nothing of a render that read secret
 * values, placeholders or SealedSecrets is kept, nor ever a Secret or SealedSecret object;
 * a corrupt, foreign or unwritable file is a miss with one note.
 */
import path from 'node:path';
import type { ObjectMemo } from '../util/object-memo.ts';
import { digestOf, exactJson } from '../util/fingerprint.ts';
import { readEntry, writeEntry, type RenderCache } from './render-cache.ts';

/** The layout of a memo file's payload; another one is a quiet miss. */
const LAYOUT = 'object-memo-1';

/** Kinds whose objects are never kept: their content is secret. */
const SECRET_KINDS = new Set(['Secret', 'SealedSecret']);

/** An object memo for one render, with what it used (the next file's content). */
export interface RenderMemo extends ObjectMemo {
  /** The results this render looked up or computed, by key. */
  readonly used: ReadonlyMap<string, string>;
}

/** A memo over `kept` (results of an earlier render) that records what this render uses. */
export function renderMemo(kept: ReadonlyMap<string, string>): RenderMemo {
  const used = new Map<string, string>();
  // An object keyed by more than one step has its digest taken once.
  const digests = new WeakMap<object, string | null>();
  return {
    used,
    keyOf(step, context, object) {
      if (SECRET_KINDS.has((object as { kind?: unknown }).kind as string)) return undefined;
      let digest = digests.get(object);
      if (digest === undefined) {
        const json = exactJson(object);
        digest = json === undefined ? null : digestOf(json);
        digests.set(object, digest);
      }
      return digest === null ? undefined : digestOf(`${step}\0${context}\0${digest}`);
    },
    get(key) {
      const text = used.get(key) ?? kept.get(key);
      if (text !== undefined) used.set(key, text);
      return text;
    },
    set(key, text) {
      used.set(key, text);
    },
  };
}

/** The memo file of `env` as it was last written: an empty memo when there is none or it cannot be used. */
export async function loadRenderMemo(cache: RenderCache, env: string): Promise<RenderMemo> {
  const payload = await inSection(cache, (memos) => readEntry(memos, env, LAYOUT, `writing every object of ${env} without the object memo`));
  return renderMemo(new Map(isEntries(payload) ? payload : []));
}

/** Keeps what `memo` used as the memo file of `env`. */
export async function saveRenderMemo(cache: RenderCache, env: string, memo: RenderMemo): Promise<void> {
  // A cache folder that cannot be written was noted once already, by the render cache.
  if (cache.unwritable || unwritableMemos.has(cache)) return;
  await inSection(cache, (memos) => writeEntry(memos, env, LAYOUT, JSON.stringify([...memo.used]), 'the render cache still works, without the object memo'));
}

/** Caches whose memo folder could not be written (noted once); their render entries may still be. */
const unwritableMemos = new WeakSet<RenderCache>();

/**
 * Runs `use` on the memo files' folder as a cache of its own that shares the render cache's
 * note about another release (once in all); a memo folder that cannot be written stops only
 * the memo.
 */
async function inSection<T>(cache: RenderCache, use: (memos: RenderCache) => Promise<T>): Promise<T> {
  const memos: RenderCache = { ...cache, dir: path.join(path.dirname(cache.dir), 'objects') };
  try {
    return await use(memos);
  } finally {
    if (memos.unwritable) unwritableMemos.add(cache);
    if (memos.notedRelease) cache.notedRelease = true;
  }
}

function isEntries(value: unknown): value is [string, string][] {
  return Array.isArray(value) && value.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' && typeof e[1] === 'string');
}
