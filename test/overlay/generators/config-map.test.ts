import { describe, expect, test } from 'vitest';
import { isKasaneError } from '../../../src/errors.ts';
import { generateConfigMap } from '../../../src/overlay/generators/config-map.ts';
import { generateSecret } from '../../../src/overlay/generators/secret.ts';

const ctx = { env: 'dev' };

describe('generateConfigMap', () => {
  test('puts non-UTF-8 file content in binaryData when a file is binary', () => {
    const r = generateConfigMap(
      {
        name: 'm',
        files: [
          { key: 'bin.dat', content: Buffer.from([0xff, 0xfe, 0, 0x62, 0x69, 0x6e]) },
          { key: 'a.txt', content: Buffer.from('hello\n') },
        ],
      },
      ctx,
    );
    expect(r.object).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'm' }, data: { 'a.txt': 'hello\n' }, binaryData: { 'bin.dat': '//4AYmlu' } });
    expect(r.generated).toEqual({ hashSuffix: true });
  });

  test('drops quotes around literal values when generating', () => {
    expect(generateConfigMap({ name: 'l', literals: ['Q="quoted"', "R='single'", 'T=a=b'] }, ctx).object.data).toEqual({ Q: 'quoted', R: 'single', T: 'a=b' });
  });

  test('throws overlay/generator-duplicate-key when a key repeats', () => {
    let caught: unknown;
    try {
      generateConfigMap({ name: 'cfg', literals: ['A=1', 'A=2'] }, ctx);
    } catch (error) {
      caught = error;
    }
    expect(isKasaneError(caught) && caught.code).toBe('overlay/generator-duplicate-key');
  });
});

describe('generateSecret', () => {
  test('writes base64 values and the Opaque type when no type is given', () => {
    expect(generateSecret({ name: 's', literals: ['p=x'] }, ctx).object).toEqual({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { p: 'eA==' }, type: 'Opaque' });
  });

  test('writes type and immutable only as given, and no hash suffix, when the Secret stands for a manifest', () => {
    const untyped = generateSecret({ name: 's', literals: ['p=x'], asResource: true, options: { immutable: false } }, ctx);
    expect(untyped.object).toEqual({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { p: 'eA==' }, immutable: false });
    expect(untyped.generated).toEqual({ hashSuffix: false });
    expect(generateSecret({ name: 's', literals: ['p=x'], type: '', asResource: true }, ctx).object.type).toBe('');
    expect(generateSecret({ name: 's', literals: ['p=x'], options: { immutable: false } }, ctx).object).not.toHaveProperty('immutable');
  });

  test('writes the stringDataKeys as text under stringData and the rest in data', () => {
    const r = generateSecret({ name: 's', literals: ['user=bot'], files: [{ key: 'config.yaml', content: Buffer.from('a: 1\n') }], stringDataKeys: ['config.yaml', 'user'] }, ctx);
    expect(r.object).toEqual({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { 'config.yaml': 'a: 1\n', user: 'bot' }, type: 'Opaque' });
  });

  test.each([
    [{ name: 's', literals: ['p=x'], stringDataKeys: ['q'] }, 'overlay/string-data-key-not-found', "expected stringData key 'q' among the entries of Secret 's', found none"],
    [
      { name: 's', files: [{ key: 'bin', content: Buffer.from([0xff, 0xfe]) }], stringDataKeys: ['bin'] },
      'overlay/invalid-string-data',
      "expected text for stringData key 'bin' of Secret 's', found bytes that are not UTF-8",
    ],
  ])('refuses a stringDataKeys entry it cannot write (%#)', (spec, code, message) => {
    try {
      generateSecret(spec, ctx);
      expect.unreachable('generateSecret throws');
    } catch (error) {
      if (!isKasaneError(error)) throw error;
      expect(error.findings.map((f) => [f.code, f.message])).toEqual([[code, message]]);
    }
  });
});
