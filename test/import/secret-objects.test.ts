/**
 * A Secret of `resources:` as the generator import writes for it: the fields kept as written,
 * each values file its own, and a finding (never a value) for what a generator cannot write.
 */
import { describe, expect, test } from 'vitest';
import type { KObject } from '../../src/k8s/object.ts';
import { secretObjectGenerator } from '../../src/import/secrets.ts';

const secret = (fields: Record<string, unknown>, metadata: Record<string, unknown> = {}): KObject =>
  ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', ...metadata }, ...fields }) as KObject;

describe('secretObjectGenerator', () => {
  test('keeps type and immutable as written, and asks for no hash suffix', () => {
    const files = new Map<string, Uint8Array>();
    const { generator, findings } = secretObjectGenerator(secret({ type: '', immutable: false, data: { k: 'dg==' } }), 'db.yaml', 'prod', files);
    expect(findings).toEqual([]);
    expect(generator).toMatchObject({ type: '', asResource: true, options: { immutable: false }, envs: ['prod/secrets/db.env'] });
    expect(generator?.options).not.toHaveProperty('disableNameSuffixHash');
    expect(secretObjectGenerator(secret({ data: { k: 'dg==' } }), 'db.yaml', 'dev', files).generator).not.toHaveProperty('type');
  });

  test('gives a Secret of the same name in another namespace its own values file', () => {
    const files = new Map<string, Uint8Array>();
    const a = secretObjectGenerator(secret({ data: { k: 'YQ==' } }, { namespace: 'alpha' }), 'a.yaml', 'prod', files).generator;
    const b = secretObjectGenerator(secret({ data: { k: 'Yg==' } }, { namespace: 'beta' }), 'b.yaml', 'prod', files).generator;
    expect([a?.envs, b?.envs]).toEqual([['prod/secrets/db.env'], ['prod/secrets/db.beta.env']]);
    expect([...files.values()].map((v) => Buffer.from(v).toString())).toEqual(['k=a\n', 'k=b\n']);
  });

  test('refuses what a generator cannot write as the manifest has it, naming the field and no value', () => {
    const o = secret({ type: 7, immutable: 'yes', data: { token: 'ZGF0YS12YWx1ZQ==' }, stringData: { token: 'text-value' } });
    const { findings } = secretObjectGenerator(o, 'db.yaml', 'prod', new Map());
    expect(findings.map((f) => [f.code, f.path, f.message])).toEqual([
      ['import/unsupported-secret-field', ['type'], "cannot import Secret 'db': expected type to be a string, found a number"],
      ['import/unsupported-secret-field', ['immutable'], "cannot import Secret 'db': expected immutable to be true or false, found a string"],
      ['import/unsupported-secret-field', ['stringData', 'token'], "cannot import Secret 'db': key 'token' is under both data and stringData, and a generator holds one value per key"],
    ]);
    expect(JSON.stringify(findings)).not.toMatch(/text-value|data-value|ZGF0YS12YWx1ZQ/);
  });

  test('says how to import a SOPS-encrypted Secret instead of only refusing its sops field', () => {
    const o = secret({ stringData: { password: 'ENC[AES256_GCM,data:c2VjcmV0,type:str]' }, sops: { age: [], version: '3.8.1' } });
    const { findings } = secretObjectGenerator(o, 'db.yaml', 'prod', new Map());
    expect(findings.map((f) => [f.code, f.path, f.message])).toEqual([['import/unsupported-secret-field', ['sops'], "cannot import Secret 'db': field 'sops' has no generator option"]]);
    expect(findings[0]?.hint).toContain('encrypted with SOPS: decrypt it (`sops --decrypt`)');
    expect(JSON.stringify(findings)).not.toContain('ENC[');
  });

  test.each(['x/y', '../../../evil', 'Team'])('refuses a namespace that is no DNS-1123 label, before it can name a values file: %s', (namespace) => {
    const files = new Map<string, Uint8Array>();
    const { generator, findings } = secretObjectGenerator(secret({ data: { k: 'dg==' } }, { namespace }), 'db.yaml', 'prod', files);
    expect(generator).toBeUndefined();
    expect(files.size).toBe(0);
    expect(findings.map((f) => [f.code, f.path, f.message])).toEqual([
      [
        'import/invalid-name',
        ['metadata', 'namespace'],
        `cannot import Secret "db": expected its namespace ${JSON.stringify(namespace)} to be a DNS-1123 label (lowercase letters, digits and '-'), which the API server requires`,
      ],
    ]);
  });
});
