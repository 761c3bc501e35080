/**
 * Files next to components: a component names files relative to its own source file
 * (`defineComponent({ files: { conf: 'nginx.conf' } })`); the loader reads them, the build stage
 * hands them to `build` as `ctx.files`. This module is the one place that says which files a
 * component reads: the loader, the build stage, `explain` and any cache keyed by a component's
 * inputs ask {@link componentInputFiles}.
 */
import path from 'node:path';
import { KasaneError } from '../errors.ts';
import { compareCodeUnits } from '../util/code-unit.ts';
import type { Component, ComponentFile } from './component.ts';

/** A file a component reads: its key in `ctx.files`, the path as written, and the absolute path. */
export interface ComponentInputFile {
  key: string;
  /** As written in `files`, relative to the component's folder. */
  path: string;
  /** Resolved against the component's folder (symbolic links not followed: the loader checks them). */
  abs: string;
}

/**
 * The files `component` reads, sorted by key, resolved against the folder of the file that
 * called `defineComponent` (`component.filesDir`). Pure: nothing is read.
 */
export function componentInputFiles(component: Pick<Component, 'files' | 'filesDir'>): ComponentInputFile[] {
  const files = component.files ?? {};
  const dir = component.filesDir ?? '.';
  return Object.keys(files)
    .sort(compareCodeUnits)
    .map((key) => ({ key, path: files[key]!, abs: path.resolve(dir, files[key]!) }));
}

/**
 * The problem with a `files` path as written, if any: it must be a relative path that stays in
 * the component's folder (the loader checks symbolic links once it can see the disk).
 */
export function componentFilePathProblem(written: unknown): string | undefined {
  if (typeof written !== 'string' || written === '') return `expected a relative file path, found ${JSON.stringify(written)}`;
  if (path.isAbsolute(written) || /^[A-Za-z]:[\\/]/.test(written)) return `expected a path relative to the component's file, found '${written}'`;
  const normal = path.normalize(written);
  if (normal === '..' || normal.startsWith(`..${path.sep}`)) return `'${written}' leads out of the component's folder`;
  return undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The file as `build` sees it. `text` is the content decoded as UTF-8; a file that is not valid
 * UTF-8 has none, and reading it throws (`build/file-not-text`), so that no byte is silently
 * replaced: use `base64` (a ConfigMap's `binaryData`, a Secret's `data`) for such a file.
 */
export function componentFile(input: ComponentInputFile, bytes: Uint8Array, component: string): ComponentFile {
  let text: string | undefined;
  try {
    text = utf8.decode(bytes);
  } catch {
    text = undefined;
  }
  const base64 = Buffer.from(bytes).toString('base64');
  return Object.freeze({
    path: input.path,
    base64,
    get text(): string {
      if (text !== undefined) return text;
      throw new KasaneError({
        severity: 'error',
        code: 'build/file-not-text',
        message: `file '${input.path}' (files.${input.key} of component '${component}') is not UTF-8 text`,
        hint: `use files.${input.key}.base64 (a ConfigMap's binaryData or a Secret's data) for binary content`,
      });
    },
  });
}
