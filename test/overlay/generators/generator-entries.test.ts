import { expect, test } from 'vitest';
import { isKasaneError } from '../../../src/errors.ts';
import { generatorEntry } from '../../../src/overlay/generator-entries.ts';
import type { GeneratorSpec } from '../../../src/project/generator.ts';

const level = { name: 'dev' };
const place = { component: 'app' };

test('a Secret generator keeps its stringDataKeys as text', () => {
  const spec: GeneratorSpec = { kind: 'Secret', name: 's', literals: { user: 'bot', token: 'x' }, stringDataKeys: ['user'] };
  const { resource } = generatorEntry(spec, level, new Map(), { env: 'dev' }, place);
  expect([resource.object.data, resource.object.stringData]).toEqual([{ token: 'eA==' }, { user: 'bot' }]);
});

test.each([
  [{ stringDataKeys: ['a'] }, 'stringDataKeys'],
  [{ asResource: true }, 'asResource'],
] as const)('a ConfigMap generator refuses a Secret field (%#)', (fields, field) => {
  const spec: GeneratorSpec = { kind: 'ConfigMap', name: 'm', literals: ['a=1'], ...fields };
  try {
    generatorEntry(spec, level, new Map(), { env: 'dev' }, place);
    expect.unreachable('generatorEntry throws');
  } catch (error) {
    if (!isKasaneError(error)) throw error;
    expect(error.findings.map((f) => [f.code, f.message])).toEqual([['overlay/invalid-generator', `expected ${field} only on a Secret generator, found it on ConfigMap 'm'`]]);
  }
});

test('a Secret generator writes an empty type as Opaque, as Kustomize does, unless it stands for a manifest', () => {
  const entry = (spec: Partial<GeneratorSpec>) => generatorEntry({ kind: 'Secret', name: 's', literals: ['a=1'], type: '', ...spec }, level, new Map(), { env: 'dev' }, place);
  expect(entry({}).resource.object.type).toBe('Opaque');
  expect(entry({ asResource: true }).resource.object.type).toBe('');
  expect(entry({ asResource: true, type: undefined }).resource.object).not.toHaveProperty('type');
});

test('a generator whose file the load did not read is an error, never an empty file', () => {
  const spec: GeneratorSpec = { kind: 'ConfigMap', name: 'm', files: ['app.properties'], envs: ['app.env'] };
  const where = { ...level, source: { file: '/project/environments/dev.ts' } };
  const loaded = new Map([
    ['/project/environments/app.properties', Buffer.from('a=1\n')],
    ['/project/environments/app.env', Buffer.from('B=2\n')],
  ]);
  expect(generatorEntry(spec, where, loaded, { env: 'dev' }, place).resource.object.data).toEqual({ 'app.properties': 'a=1\n', B: '2' });
  try {
    generatorEntry(spec, where, new Map([...loaded].slice(0, 1)), { env: 'dev' }, place);
    expect.unreachable('generatorEntry throws');
  } catch (error) {
    if (!isKasaneError(error)) throw error;
    expect(error.findings.map((f) => [f.code, f.message, f.env])).toEqual([
      ['overlay/generator-file-not-read', "expected the file 'app.env' of generator 'm' to have been read with the project, found it unread", 'dev'],
    ]);
  }
});
