import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { generatorInputFiles, parseFileSource } from '../../src/project/generator.ts';

describe('parseFileSource', () => {
  test('uses the file name as key when no key is given', () => {
    expect(parseFileSource('conf/app.properties')).toEqual({ key: 'app.properties', path: 'conf/app.properties' });
    expect(parseFileSource('k.json=conf/settings.json')).toEqual({ key: 'k.json', path: 'conf/settings.json' });
  });
});

describe('generatorInputFiles', () => {
  test('resolves files against the file that declared the generator, else the environment file', () => {
    const declared = { kind: 'ConfigMap' as const, name: 'cfg', files: ['k=conf/a.txt'], envs: ['app.env'], source: { file: '/p/environments/prod/generators.ts', line: 3 } };
    expect(generatorInputFiles(declared, '/p/environments/prod.ts')).toEqual({
      files: [{ key: 'k', path: 'conf/a.txt', abs: path.resolve('/p/environments/prod/conf/a.txt') }],
      envs: [{ path: 'app.env', abs: path.resolve('/p/environments/prod/app.env') }],
    });
    const { source: _, ...bare } = declared;
    expect(generatorInputFiles(bare, '/p/environments/prod.ts').envs[0]!.abs).toBe(path.resolve('/p/environments/app.env'));
  });
});
