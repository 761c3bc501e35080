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
});
