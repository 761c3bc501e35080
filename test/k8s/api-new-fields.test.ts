/**
 * The Kubernetes types follow the newest minor: fields added after 1.30 are typed, and a
 * misspelt one is a type error. Two fields, read in the swagger.json of each minor that
 * kubernetes-sigs/reference-docs keeps (the source of src/k8s/api/ and of the schema data):
 * `hostnameOverride` of a PodSpec is there from 1.34, the `image` volume (ImageVolumeSource)
 * from 1.31; neither is in 1.30, the last minor of the kubernetes-types package.
 *
 * This file is type-checked with the project (`tsc -p tsconfig.json`), where the
 * `@ts-expect-error` lines fail the check once their error is gone; the tests below run the
 * TypeScript compiler on the same objects, so `vitest` alone catches a regression too.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, test } from 'vitest';
import { deployment } from '../../src/builders/workloads.ts';
import type { PodSpec, Volume } from '../../src/k8s/api/core/v1.ts';
import { propsOf, typeGraphOf } from '../../src/k8s/schema/graph.ts';

const coreV1 = path.resolve(import.meta.dirname, '../../src/k8s/api/core/v1.ts');

const modelsVolume: Volume = { name: 'models', image: { reference: 'registry.example.com/models:2025-06', pullPolicy: 'IfNotPresent' } };
const pinnedHostname: Partial<PodSpec> = { hostnameOverride: 'api-0' };
// @ts-expect-error hostnameOverride misspelt
const misspeltSpec: Partial<PodSpec> = { hostnameOveride: 'api-0' };
// @ts-expect-error reference misspelt
const misspeltVolume: Volume = { name: 'models', image: { referense: 'registry.example.com/models:2025-06' } };
void [misspeltSpec, misspeltVolume];

/**
 * The diagnostics tsc reports for each module of `bodies` (each importing core/v1 as `k`), as
 * `TSnnnn message` lines; one program for all, since building one takes seconds.
 */
function typeErrors(bodies: Record<string, string>): Record<string, string[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kasane-api-types-'));
  const files = Object.entries(bodies).map(([name, body]) => {
    const file = path.join(dir, `${name}.ts`);
    writeFileSync(file, `import type * as k from ${JSON.stringify(coreV1)};\n${body}\n`);
    return [name, file] as const;
  });
  const options = { strict: true, noEmit: true, allowImportingTsExtensions: true, module: ts.ModuleKind.Preserve, moduleResolution: ts.ModuleResolutionKind.Bundler, types: [] };
  const program = ts.createProgram(
    files.map(([, file]) => file),
    options,
  );
  const lines = (file: string) => ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((d) => `TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
  return Object.fromEntries(files.map(([name, file]) => [name, lines(file)]));
}

const usage = {
  typed: `
    export const spec: k.PodSpec = { containers: [{ name: 'api' }], hostnameOverride: 'api-0' };
    export const volume: k.Volume = { name: 'models', image: { reference: 'registry.example.com/models:2025-06', pullPolicy: 'IfNotPresent' } };
  `,
  misspelt: `
    export const spec: k.PodSpec = { containers: [{ name: 'api' }], hostnameOveride: 'api-0' };
    export const volume: k.Volume = { name: 'models', image: { referense: 'registry.example.com/models:2025-06' } };
  `,
};
let errors: Record<string, string[]>;

beforeAll(() => {
  errors = typeErrors(usage);
}, 60_000);

describe('the Kubernetes types follow the newest minor', () => {
  test('the two fields are new since 1.30 in the schema data of the same documents', () => {
    const has = (minor: string, type: string, field: string) => propsOf(typeGraphOf(minor)!, type)!.some((p) => p.name === field);
    expect([has('1.33', 'core/v1.PodSpec', 'hostnameOverride'), has('1.34', 'core/v1.PodSpec', 'hostnameOverride')]).toEqual([false, true]);
    expect([has('1.30', 'core/v1.Volume', 'image'), has('1.31', 'core/v1.Volume', 'image')]).toEqual([false, true]);
  });

  test('tsc accepts the new fields', () => {
    expect(errors.typed).toEqual([]);
  });

  test('tsc rejects a misspelt field and names the right one', () => {
    expect(errors.misspelt).toEqual([
      "TS2561 Object literal may only specify known properties, but 'hostnameOveride' does not exist in type 'PodSpec'. Did you mean to write 'hostnameOverride'?",
      "TS2561 Object literal may only specify known properties, but 'referense' does not exist in type 'ImageVolumeSource'. Did you mean to write 'reference'?",
    ]);
  });

  test('builders take them and write them out', () => {
    const api = deployment({ name: 'api', image: 'example/api:1.0.0', volumes: [modelsVolume], podSpec: pinnedHostname });
    expect(api.spec?.template.spec?.hostnameOverride).toBe('api-0');
    expect(api.spec?.template.spec?.volumes).toEqual([modelsVolume]);
  });
});
