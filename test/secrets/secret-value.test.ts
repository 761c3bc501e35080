import { describe, expect, test } from 'vitest';
import { describeSecretRef, hasSecretRef, parseSecretRefs, secretValue } from '../../src/secrets/secret-value.ts';
import { thrown } from './thrown.ts';

describe('secretValue', () => {
  test('returns a token naming the variable when reading from the environment', () => {
    expect(secretValue.fromEnv('DB_PASSWORD')).toBe('<<kasane-secret:env:DB_PASSWORD>>');
  });

  test('returns a token with the path encoded when reading from a file', () => {
    expect(secretValue.fromFile('secrets/db password.txt')).toBe('<<kasane-secret:file:secrets%2Fdb%20password.txt>>');
    expect(secretValue.fromFile('a.txt', { trimTrailingNewline: true })).toBe('<<kasane-secret:file-trimmed:a.txt>>');
  });

  test('throws secrets/invalid-env-name when the name is not a variable name', () => {
    const error = thrown(() => secretValue.fromEnv('db-password'));
    expect(error.code).toBe('secrets/invalid-env-name');
    expect(error.findings[0]!.message).toBe(`expected an environment variable name like 'DB_PASSWORD', received "db-password"`);
  });

  test('throws secrets/invalid-file-path when the path is empty', () => {
    expect(thrown(() => secretValue.fromFile('')).code).toBe('secrets/invalid-file-path');
  });
});

describe('parseSecretRefs', () => {
  test('finds every token with its offset when they are embedded in a string', () => {
    const text = `postgres://${secretValue.fromEnv('DB_USER')}:${secretValue.fromFile('a/<b>.txt')}@db`;
    const refs = parseSecretRefs(text);
    expect(refs.map((r) => [r.source, r.name])).toEqual([
      ['env', 'DB_USER'],
      ['file', 'a/<b>.txt'],
    ]);
    expect(text.slice(refs[0]!.index, refs[0]!.index + refs[0]!.token.length)).toBe(refs[0]!.token);
  });

  test('finds nothing when the string holds no token', () => {
    expect(parseSecretRefs('<<kasane-secret:other:X>> plain')).toEqual([]);
    expect(hasSecretRef('plain')).toBe(false);
  });
});

describe('describeSecretRef', () => {
  test('names the variable or the file', () => {
    expect(describeSecretRef({ source: 'env', name: 'A' })).toBe("environment variable 'A'");
    expect(describeSecretRef({ source: 'file-trimmed', name: 'x.txt' })).toBe("file 'x.txt'");
  });
});
