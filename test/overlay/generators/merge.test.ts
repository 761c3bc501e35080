import { describe, expect, test } from 'vitest';
import { isKasaneError } from '../../../src/errors.ts';
import type { Resource } from '../../../src/k8s/resource.ts';
import { generateConfigMap } from '../../../src/overlay/generators/config-map.ts';
import { generateSecret } from '../../../src/overlay/generators/secret.ts';
import { applyHashSuffixes } from '../../../src/overlay/generators/hash-suffix.ts';
import { applyGenerators, mergeGenerated } from '../../../src/overlay/generators/merge.ts';

const base = { env: 'base' };
const dev = { env: 'dev' };

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isKasaneError(error) ? error.code : 'not-a-kasane-error';
  }
  return undefined;
}

describe('mergeGenerated', () => {
  const existing: Resource[] = [generateConfigMap({ name: 'cfg', literals: ['A=1', 'B=1'], options: { labels: { origin: 'base' } } }, base)];

  test('merges data and labels and keeps the first name when behavior is merge', () => {
    const prefixed: Resource[] = [{ ...existing[0]!, object: { ...existing[0]!.object, metadata: { ...existing[0]!.object.metadata, name: 'p-cfg' } }, previousNames: ['cfg'] }];
    const next = generateConfigMap({ name: 'cfg', literals: ['B=2', 'C=3'], options: { labels: { origin: 'dev' } } }, dev);
    const [merged] = mergeGenerated(prefixed, next, 'merge', dev);
    expect(merged!.object).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'p-cfg', labels: { origin: 'dev' } }, data: { A: '1', B: '2', C: '3' } });
    expect(merged!.previousNames).toEqual(['cfg']);
  });

  test('keeps the hash suffix only when both generators want it', () => {
    const next = generateConfigMap({ name: 'cfg', literals: ['B=2'], options: { disableNameSuffixHash: true } }, dev);
    const merged = mergeGenerated(existing, next, 'merge', dev);
    expect(applyHashSuffixes(merged, dev)[0]!.object.metadata.name).toBe('cfg');
  });

  test('throws overlay/generator-conflict when create meets an existing name', () => {
    expect(codeOf(() => mergeGenerated(existing, generateConfigMap({ name: 'cfg' }, dev), 'create', dev))).toBe('overlay/generator-conflict');
  });

  test('throws overlay/generator-target-not-found when merge finds nothing', () => {
    expect(codeOf(() => mergeGenerated(existing, generateConfigMap({ name: 'other' }, dev), 'replace', dev))).toBe('overlay/generator-target-not-found');
  });
});

describe('applyGenerators', () => {
  test('throws overlay/duplicate-generator when one level generates a name twice', () => {
    const entries = [{ resource: generateConfigMap({ name: 'cfg' }, dev) }, { resource: generateConfigMap({ name: 'cfg', literals: ['A=1'] }, dev) }];
    expect(codeOf(() => applyGenerators([], entries, dev))).toBe('overlay/duplicate-generator');
  });
});

describe('applyGenerators with a position', () => {
  const gathered = (): Resource[] => [generateConfigMap({ name: 'a' }, dev), generateConfigMap({ name: 'b', namespace: 'x' }, dev), generateConfigMap({ name: 'b' }, dev)];
  const names = (list: readonly Resource[]) => list.map((r) => `${r.object.metadata.namespace ?? ''}/${r.object.metadata.name}`);

  test('puts a created object before or after its anchor, matched by kind, name and namespace', () => {
    const entries = [
      { resource: generateConfigMap({ name: 'first' }, dev), position: { before: { kind: 'ConfigMap', name: 'a' } } },
      { resource: generateConfigMap({ name: 'mid' }, dev), position: { after: { kind: 'ConfigMap', name: 'b', namespace: 'x' } } },
      { resource: generateConfigMap({ name: 'next' }, dev), position: { after: { kind: 'ConfigMap', name: 'mid' } } },
      { resource: generateConfigMap({ name: 'end' }, dev) },
    ];
    expect(names(applyGenerators(gathered(), entries, dev))).toEqual(['/first', '/a', 'x/b', '/mid', '/next', '/b', '/end']);
  });

  test('finds the objects a placed one moved when a later generator of the level merges', () => {
    const entries = [
      { resource: generateConfigMap({ name: 'mid' }, dev), position: { before: { kind: 'ConfigMap', name: 'a' } } },
      { resource: generateConfigMap({ name: 'a', literals: ['K=v'] }, dev), behavior: 'merge' as const },
    ];
    const merged = applyGenerators(gathered(), entries, dev);
    expect(names(merged)).toEqual(['/mid', '/a', 'x/b', '/b']);
    expect(merged[1]!.object.data).toEqual({ K: 'v' });
  });

  test('throws overlay/generator-anchor-not-found when no object is its anchor', () => {
    const entries = [{ resource: generateConfigMap({ name: 'c' }, dev), position: { after: { kind: 'ConfigMap', name: 'b', namespace: 'y' } } }];
    try {
      applyGenerators(gathered(), entries, dev);
      expect.unreachable('applyGenerators throws');
    } catch (error) {
      if (!isKasaneError(error)) throw error;
      expect(error.findings.map((f) => [f.code, f.message])).toEqual([['overlay/generator-anchor-not-found', "expected ConfigMap 'y/b' to place ConfigMap 'c' after, found no such object"]]);
    }
  });
});

describe('applyGenerators over a Secret manifest of the level', () => {
  const manifest = () => ({ resource: generateSecret({ name: 's', literals: ['a=1'], asResource: true }, dev), asResource: true });

  test('lets a later generator of the level merge into it', () => {
    const merged = applyGenerators([], [manifest(), { resource: generateSecret({ name: 's', literals: ['b=2'] }, dev), behavior: 'merge' as const }], dev);
    expect(merged.map((r) => r.object.data)).toEqual([{ a: 'MQ==', b: 'Mg==' }]);
  });

  test.each([
    ['a second create', [manifest(), { resource: generateSecret({ name: 's' }, dev) }]],
    ['a merge after a generator that is no manifest', [{ resource: generateSecret({ name: 's' }, dev) }, { resource: generateSecret({ name: 's' }, dev), behavior: 'merge' as const }]],
  ])('throws overlay/duplicate-generator for %s', (_what, entries) => {
    expect(codeOf(() => applyGenerators([], entries, dev))).toBe('overlay/duplicate-generator');
  });
});
