/**
 * Drift: what a render would change in a folder, as unified diffs. Pure: takes the folder's
 * current files as data. `render --check`, `kasane diff <env>` and the golden test all use it.
 */
import { formatObjectRef, type ObjectRef } from '../errors.ts';
import { filesListedBy } from '../render/layout.ts';
import { unifiedDiff } from './unified-diff.ts';
import { compareCodeUnits } from '../util/code-unit.ts';

/** One file that differs. */
export interface FileDrift {
  /** Path relative to the output folder: `<env>/<file>`. */
  file: string;
  change: 'changed' | 'added' | 'removed';
  object?: ObjectRef;
  /** Unified diff from what is on disk to what the render produces. */
  diff: string;
}

/**
 * Turns the two sides of a file that holds secret values into what a diff may show (the CLI
 * passes one that replaces values with `<redacted>`/`<changed>`); called only for files
 * whose object is a Secret.
 */
export type RedactFile = (before: string | undefined, after: string | undefined) => { before: string; after: string };

/**
 * Compares an environment's rendered files with the files on disk (both relative to the
 * environment folder). Files on disk that kasane did not write are not drift.
 */
export function checkEnvironment(
  env: string,
  rendered: ReadonlyMap<string, string>,
  onDisk: ReadonlyMap<string, string>,
  objects: ReadonlyMap<string, ObjectRef> = new Map(),
  redact?: RedactFile,
): FileDrift[] {
  const drift: FileDrift[] = [];
  const ownedBefore = new Set(filesListedBy(onDisk.get('kustomization.yaml') ?? '') ?? []);
  ownedBefore.add('kustomization.yaml');
  const names = [...new Set([...rendered.keys(), ...[...onDisk.keys()].filter((f) => ownedBefore.has(f))])].sort(compareCodeUnits);
  for (const name of names) {
    const next = rendered.get(name);
    const prev = onDisk.get(name);
    if (next === prev) continue;
    const file = `${env}/${name}`;
    const object = objects.get(name);
    const header = object ? `${file} (${formatObjectRef(object)})` : file;
    const change = prev === undefined ? 'added' : next === undefined ? 'removed' : 'changed';
    const holdsSecret = redact && (object?.kind === 'Secret' || /^kind: Secret$/m.test(prev ?? ''));
    const shown = holdsSecret ? redact(prev, next) : { before: prev ?? '', after: next ?? '' };
    const diff = unifiedDiff(shown.before, shown.after, {
      from: prev === undefined ? '/dev/null' : `a/${header}`,
      to: next === undefined ? '/dev/null' : `b/${header}`,
    });
    drift.push({ file, change, diff, ...(object ? { object } : {}) });
  }
  return drift;
}
