/**
 * Reads the files components declare beside themselves (`defineComponent({ files })`), once
 * each, for the build stage. A component is trusted code, but its files follow one clear rule,
 * the rule of a Kustomize folder: a file is read only when its real path, symbolic links
 * followed, lies in the real folder of the component's file or below it. A component that needs
 * a file from elsewhere gets it through its values or an environment's generator.
 */
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { KasaneError, type Finding } from '../errors.ts';
import type { Component } from '../project/component.ts';
import { componentInputFiles } from '../project/component-files.ts';
import { componentsUsedBy } from '../project/component-plan.ts';
import type { Environment } from '../project/environment.ts';

function failure(component: Component, code: string, message: string, hint: string): KasaneError {
  const finding: Finding = { severity: 'error', code, message, hint, component: component.name, ...(component.source ? { source: component.source } : {}) };
  return new KasaneError(finding);
}

/**
 * Adds the content of every component file to `files` (absolute path → bytes).
 * @throws KasaneError `load/component-file-missing` for a file that cannot be read;
 *   `load/component-file-outside` for one whose real path leaves the component's folder.
 */
export async function readComponentFiles(environments: readonly Environment[], files: Map<string, Uint8Array>): Promise<void> {
  for (const component of componentsUsedBy(environments)) {
    const inputs = componentInputFiles(component);
    if (inputs.length === 0) continue;
    const dir = component.filesDir ?? '.';
    const realDir = await realpath(dir).catch(() => path.resolve(dir));
    for (const input of inputs) {
      if (files.has(input.abs)) continue;
      let real: string;
      let bytes: Uint8Array;
      try {
        real = await realpath(input.abs);
        bytes = await readFile(real);
      } catch {
        throw failure(
          component,
          'load/component-file-missing',
          `component '${component.name}' reads '${input.path}' (files.${input.key}), which does not exist or cannot be read`,
          `create ${input.abs} or fix the path (relative to the component's file, in its folder or below)`,
        );
      }
      if (real !== realDir && !real.startsWith(realDir + path.sep)) {
        throw failure(
          component,
          'load/component-file-outside',
          `component '${component.name}' reads '${input.path}' (files.${input.key}), which leads to '${real}', outside the component's folder '${realDir}'`,
          "keep the file in the component's folder or below it (a symbolic link must not lead out), or pass its content through values or an environment's generator",
        );
      }
      files.set(input.abs, bytes);
    }
  }
}
