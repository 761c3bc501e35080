/**
 * Oracle conformance: each case under test/conformance/transforms/ is a Kustomize tree whose
 * `kubectl kustomize` output is committed as expected.yaml (scripts/oracle-transforms.mjs).
 * The same intent runs through kasane's generators and transforms, level by level, in
 * Kustomize's order, and the objects must equal the oracle's field by field.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseAllDocuments, parse } from 'yaml';
import { isKasaneError } from '../../../src/errors.ts';
import { sortObjects } from '../../../src/k8s/kind-order.ts';
import type { KObject } from '../../../src/k8s/object.ts';
import type { Resource } from '../../../src/k8s/resource.ts';
import { generateConfigMap } from '../../../src/overlay/generators/config-map.ts';
import type { ConfigMapGeneratorInput } from '../../../src/overlay/generators/generator-input.ts';
import { parseFileSource } from '../../../src/project/generator.ts';
import { applyHashSuffixes } from '../../../src/overlay/generators/hash-suffix.ts';
import { applyGenerators, type GeneratedEntry } from '../../../src/overlay/generators/merge.ts';
import { generateSecret } from '../../../src/overlay/generators/secret.ts';
import { addAnnotations } from '../../../src/overlay/transforms/annotations.ts';
import { setImages } from '../../../src/overlay/transforms/images.ts';
import { addLabels } from '../../../src/overlay/transforms/labels.ts';
import { addNameAffix } from '../../../src/overlay/transforms/name-affix.ts';
import { setNamespace } from '../../../src/overlay/transforms/namespace.ts';
import { setReplicas } from '../../../src/overlay/transforms/replicas.ts';
import type { CaseGenerator } from '../../conformance/harness/cases.ts';

const root = join(import.meta.dirname, '..', '..', 'conformance', 'transforms');
const cases = readdirSync(root)
  .filter((name) => statSync(join(root, name)).isDirectory())
  .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** Error codes kasane gives where `kubectl kustomize` fails (expected-error.txt). */
const ERROR_CODES: Record<string, string> = {
  'gen-duplicate-key': 'overlay/generator-duplicate-key',
  'replicas-missing-target': 'overlay/replicas-target-not-found',
};

/** A generator entry of a case's kustomization (the harness's shape without its kind). */
type GeneratorYaml = Omit<CaseGenerator, 'kind'>;

function generatorSpec(g: GeneratorYaml, dir: string): ConfigMapGeneratorInput & { type?: string } {
  return {
    ...g,
    files: (g.files ?? []).map((entry) => {
      const { key, path } = parseFileSource(entry);
      return { key, content: readFileSync(join(dir, path)) };
    }),
    envs: (g.envs ?? []).map((path) => ({ path, content: readFileSync(join(dir, path), 'utf8') })),
  };
}

function readObjects(path: string): KObject[] {
  return parseAllDocuments(readFileSync(path, 'utf8'))
    .map((d) => d.toJS() as KObject | null)
    .filter((o): o is KObject => o !== null);
}

/** Builds one level: its resources (files or lower levels), then Kustomize's steps in order. */
function buildLevel(dir: string): Resource[] {
  const k = parse(readFileSync(join(dir, 'kustomization.yaml'), 'utf8')) ?? {};
  const env = basename(dir);
  let resources: Resource[] = [];
  for (const entry of (k.resources ?? []) as string[]) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) resources.push(...buildLevel(path));
    else for (const object of readObjects(path)) resources.push({ object, component: env });
  }
  const ctx = { env };
  const generated: GeneratedEntry[] = [
    ...((k.configMapGenerator ?? []) as GeneratorYaml[]).map((g) => ({ resource: generateConfigMap(generatorSpec(g, dir), ctx), behavior: g.behavior ?? 'create' })),
    ...((k.secretGenerator ?? []) as GeneratorYaml[]).map((g) => ({ resource: generateSecret(generatorSpec(g, dir), ctx), behavior: g.behavior ?? 'create' })),
  ];
  resources = applyGenerators(resources, generated, ctx);
  if (k.namespace) resources = setNamespace(resources, { namespace: k.namespace, env });
  if (k.namePrefix || k.nameSuffix) resources = addNameAffix(resources, { prefix: k.namePrefix, suffix: k.nameSuffix, env });
  if (k.commonLabels) resources = addLabels(resources, { labels: k.commonLabels, includeSelectors: true, env });
  for (const l of k.labels ?? []) resources = addLabels(resources, { labels: l.pairs, includeSelectors: l.includeSelectors, includeTemplates: l.includeTemplates, env });
  if (k.commonAnnotations) resources = addAnnotations(resources, { annotations: k.commonAnnotations, env });
  if (k.replicas) resources = setReplicas(resources, { replicas: k.replicas, env });
  if (k.images) resources = setImages(resources, { images: k.images, env });
  return resources;
}

function render(dir: string): KObject[] {
  return sortObjects(applyHashSuffixes(buildLevel(dir), { env: basename(dir) }).map((r) => r.object));
}

function readExpected(dir: string): KObject[] {
  return sortObjects(readObjects(join(dir, 'expected.yaml')));
}

describe('transforms conformance with kubectl kustomize', () => {
  test('has at least 30 oracle cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  test.each(cases)('matches the oracle when building %s', (name) => {
    const dir = join(root, name);
    if (existsSync(join(dir, 'expected-error.txt'))) {
      let caught: unknown;
      try {
        render(dir);
      } catch (error) {
        caught = error;
      }
      expect(isKasaneError(caught)).toBe(true);
      expect((caught as { code: string }).code).toBe(ERROR_CODES[name]);
      return;
    }
    expect(render(dir)).toEqual(readExpected(dir));
  });
});

const hasKubectl = spawnSync('kubectl', ['version', '--client']).status === 0;
if (!hasKubectl) console.warn('skipping live oracle check of test/conformance/transforms: kubectl not found');

describe('committed oracle output', () => {
  test.skipIf(!hasKubectl).each(cases)('equals kubectl kustomize today when building %s', (name) => {
    const dir = join(root, name);
    const run = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: process.env.HOME } });
    if (existsSync(join(dir, 'expected-error.txt'))) expect(run.status).not.toBe(0);
    else expect(run.stdout).toBe(readFileSync(join(dir, 'expected.yaml'), 'utf8'));
  });
});
