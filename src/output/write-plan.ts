/**
 * What writing one environment changes, decided from data before anything is written: which
 * files are kasane's, which entries are someone else's and are carried over, and whether a
 * rendered file would land on (or below, or above) something kasane did not write. Pure.
 */
import path from 'node:path';
import { KasaneError } from '../errors.ts';
import type { RenderedEnvironment } from '../render/emit-environment.ts';
import { filesListedBy } from '../render/layout.ts';
import type { OutputTree } from './write-tree.ts';

/** What writing one environment did. */
export interface EnvironmentWriteReport {
  env: string;
  written: number;
  unchanged: number;
  removed: number;
  /** Files in the environment folder that kasane did not write and left alone. */
  foreign: string[];
}

/** The plan for one environment folder. */
export interface EnvironmentPlan {
  report: EnvironmentWriteReport;
  /** Rendered files whose content on disk is already the same. */
  unchanged: Set<string>;
}

/** The files of a folder that kasane wrote: listed by its kustomization.yaml, and regular files. */
export function ownedFiles(files: ReadonlyMap<string, string>): Set<string> {
  const listed = filesListedBy(files.get('kustomization.yaml') ?? '');
  const owned = new Set((listed ?? []).filter((f) => files.has(f)));
  if (listed) owned.add('kustomization.yaml');
  return owned;
}

/** The folders above a relative path, outermost first: `a/b/c.yaml` → `a`, `a/b`. */
export function parentsOf(file: string): string[] {
  const out: string[] = [];
  for (let i = file.indexOf('/'); i !== -1; i = file.indexOf('/', i + 1)) out.push(file.slice(0, i));
  return out;
}

/** Why a rendered path is not a plain relative path below its folder, or undefined. */
function unsafePath(file: string): string | undefined {
  if (file.includes('\\') || file.includes('\0')) return 'it contains a backslash or a NUL character';
  if (file.split('/').some((part) => part === '' || part === '.' || part === '..')) return 'it is not a plain relative path';
  return undefined;
}

/**
 * How a foreign entry stands in the way of rendered files, as the end of a sentence: it would be
 * replaced by a rendered file, a rendered file would be written through or into it, or it is
 * inside a path that is rendered as a file. Undefined when it is not in the way.
 */
function blocked(entry: string, tree: OutputTree, files: ReadonlyMap<string, string>, folders: ReadonlySet<string>): string | undefined {
  const isLink = tree.links.has(entry);
  if (files.has(entry)) return isLink ? 'is a symbolic link that kasane did not make, where kasane writes a file' : 'exists and was not written by kasane';
  if (folders.has(entry) && !tree.emptyFolders.has(entry)) {
    const below = [...files.keys()].find((f) => f.startsWith(`${entry}/`))!;
    return isLink ? `is a symbolic link that kasane did not make, and '${below}' would be written through it` : `is not a folder, and kasane writes '${below}' there`;
  }
  const above = parentsOf(entry).find((p) => files.has(p));
  return above === undefined ? undefined : `is inside '${above}', which kasane writes as a file`;
}

/**
 * Plans writing `rendered` over the environment folder `target` whose current content is `tree`.
 * @throws KasaneError `render/would-overwrite` when a rendered file would replace, or be written
 * through or into, an entry kasane did not write; `render/unsafe-file-name` for a rendered path
 * that is not a plain relative path
 */
export function planEnvironment(target: string, rendered: RenderedEnvironment, tree: OutputTree): EnvironmentPlan {
  const env = rendered.env;
  for (const file of rendered.files.keys()) {
    const unsafe = unsafePath(file);
    if (unsafe)
      throw new KasaneError({
        severity: 'error',
        code: 'render/unsafe-file-name',
        message: `cannot write '${file}' in environment '${env}': ${unsafe}`,
        hint: 'rename the object or component to a DNS-1123 name',
        env,
      });
  }
  const { files: existing, others } = tree;
  const owned = ownedFiles(existing);
  const folders = new Set([...rendered.files.keys()].flatMap(parentsOf));
  const foreign: string[] = [];
  const clobbered: { entry: string; why: string }[] = [];
  for (const entry of [...existing.keys(), ...others]) {
    if (owned.has(entry)) continue;
    const why = blocked(entry, tree, rendered.files, folders);
    if (why) clobbered.push({ entry, why });
    else foreign.push(entry);
  }
  if (clobbered.length) {
    clobbered.sort((a, b) => (a.entry < b.entry ? -1 : a.entry > b.entry ? 1 : 0));
    const first = clobbered[0]!;
    throw new KasaneError({
      severity: 'error',
      code: 'render/would-overwrite',
      message: `'${path.join(target, first.entry)}' ${first.why}${clobbered.length > 1 ? ` (and ${clobbered.length - 1} more)` : ''}`,
      hint: 'move those entries away, or render into another folder with --out DIR',
      env,
    });
  }
  const unchanged = new Set<string>();
  for (const [file, content] of rendered.files) if (existing.get(file) === content) unchanged.add(file);
  const removed = [...owned].filter((f) => !rendered.files.has(f)).length;
  foreign.sort();
  return { report: { env, written: rendered.files.size - unchanged.size, unchanged: unchanged.size, removed, foreign }, unchanged };
}
