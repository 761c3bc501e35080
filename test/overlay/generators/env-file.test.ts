import { describe, expect, test } from 'vitest';
import { isKasaneError } from '../../../src/errors.ts';
import { parseEnvFile } from '../../../src/overlay/generators/env-file.ts';

// Expected pairs checked with `kubectl kustomize` (test/conformance/transforms/gen-envs).
describe('parseEnvFile', () => {
  test('skips comments and blank lines and keeps values as written when parsing', () => {
    const text = '\uFEFF# settings\nA=1\n\n   B= spaced \nC="kept quotes"\nD=x=y\n  # indented\nE=\n';
    expect(parseEnvFile(text)).toEqual([
      ['A', '1'],
      ['B', ' spaced '],
      ['C', '"kept quotes"'],
      ['D', 'x=y'],
      ['E', ''],
    ]);
  });

  test('gives a bare key the empty string when no env is given', () => {
    expect(parseEnvFile('BARE\n')).toEqual([['BARE', '']]);
  });

  test('reads a bare key from the env record when one is given', () => {
    expect(parseEnvFile('BARE\n', { env: { BARE: 'x' } })).toEqual([['BARE', 'x']]);
  });

  test('throws overlay/invalid-env-file with the line when a key is invalid', () => {
    let caught: unknown;
    try {
      parseEnvFile('A=1\nbad key=2\n', { file: 'app.env' });
    } catch (error) {
      caught = error;
    }
    expect(isKasaneError(caught) && caught.findings[0]).toMatchObject({ code: 'overlay/invalid-env-file', source: { file: 'app.env', line: 2 } });
  });
});
