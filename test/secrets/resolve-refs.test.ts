import { describe, expect, test } from 'vitest';
import { configMap, dockerConfigSecret, secret, tlsSecret } from '../../src/builders/config.ts';
import { generatedMarkOf } from '../../src/k8s/generated-mark.ts';
import type { KObject } from '../../src/k8s/object.ts';
import type { Resource } from '../../src/k8s/resource.ts';
import { listSecretRefs, resolveSecretRefs, type SecretSources } from '../../src/secrets/resolve-refs.ts';
import { sealedSecret } from '../../src/secrets/sealed-secret.ts';
import { secretValue } from '../../src/secrets/secret-value.ts';
import { testCert } from './open-sealed.ts';
import { deepFreeze } from './thrown.ts';

const CANARY = 'canary-9f3b2c71-do-not-print';
const res = (object: object, component = 'db'): Resource => ({ object: object as KObject, component, source: { file: 'components/db.ts', line: 7 } });
const sources = (env: Record<string, string | undefined> = {}, files: Record<string, Uint8Array | string> = {}): SecretSources => ({
  env,
  files: new Map(Object.entries(files).map(([k, v]) => [k, typeof v === 'string' ? new TextEncoder().encode(v) : v])),
});
const resolve = (resources: Resource[], src: SecretSources) => resolveSecretRefs(resources, src, { environment: 'prod' });

describe('resolveSecretRefs', () => {
  test('replaces an environment reference in stringData when the variable is set', () => {
    const input = deepFreeze([res(secret({ name: 'db', stringData: { password: secretValue.fromEnv('DB_PASSWORD'), user: 'app' } }))]);
    const out = resolve(input, sources({ DB_PASSWORD: CANARY }));
    expect(out.findings).toEqual([]);
    expect(out.resources[0]!.object).toEqual({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, stringData: { password: CANARY, user: 'app' } });
    expect(out.values).toContain(CANARY);
    expect(out.values).toContain(Buffer.from(CANARY).toString('base64'));
  });

  test('keeps objects without references as the same objects', () => {
    const cm = res(configMap({ name: 'settings', data: { a: 'b' } }));
    expect(resolve([cm], sources()).resources[0]).toBe(cm);
  });

  test('keeps the generated mark when the Secret has a hash suffix', () => {
    const input = [res(secret({ name: 'db', hashSuffix: true, stringData: { p: secretValue.fromEnv('P') } }))];
    expect(generatedMarkOf(resolve(input, sources({ P: 'x' })).resources[0]!.object)).toEqual({ hashSuffix: true });
  });

  test('fills every reference in a longer string when references are embedded', () => {
    const dsn = `postgres://${secretValue.fromEnv('DB_USER')}:${secretValue.fromFile('secrets/pw.txt', { trimTrailingNewline: true })}@db:5432/app`;
    const out = resolve([res(secret({ name: 'db', stringData: { dsn } }))], sources({ DB_USER: 'app' }, { 'secrets/pw.txt': 's3cret\r\n\n' }));
    expect(out.resources[0]!.object.stringData).toEqual({ dsn: 'postgres://app:s3cret@db:5432/app' });
  });

  test('keeps the trailing newline of a file when trimming is not asked for', () => {
    const out = resolve([res(secret({ name: 'db', stringData: { pw: secretValue.fromFile('pw.txt') } }))], sources({}, { 'pw.txt': 'x\n' }));
    expect(out.resources[0]!.object.stringData).toEqual({ pw: 'x\n' });
  });

  test('moves a binary file to data as base64 when the reference is the whole value', () => {
    const bytes = Uint8Array.from([0xff, 0xfe, 0x00, 0x41]);
    const out = resolve([res(secret({ name: 'ks', stringData: { 'keystore.p12': secretValue.fromFile('ks.p12'), other: 'o' } }))], sources({}, { 'ks.p12': bytes }));
    expect(out.findings).toEqual([]);
    expect(out.resources[0]!.object).toMatchObject({ stringData: { other: 'o' }, data: { 'keystore.p12': '//4AQQ==' } });
    expect((out.resources[0]!.object.stringData as Record<string, string>)['keystore.p12']).toBeUndefined();
  });

  test('encodes the value with base64 when the reference is the whole value under data', () => {
    const obj = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, data: { pw: secretValue.fromEnv('PW') } };
    expect(resolve([res(obj)], sources({ PW: 'abc' })).resources[0]!.object.data).toEqual({ pw: 'YWJj' });
  });

  test('resolves the entries of a sealedSecret before it is sealed', () => {
    const ss = sealedSecret({ name: 'db', namespace: 'shop', certificate: testCert, stringData: { pw: secretValue.fromEnv('PW') } });
    const out = resolve([res(ss)], sources({ PW: CANARY }));
    expect(out.findings).toEqual([]);
    expect(out.resources[0]!.object.unsealed).toEqual({ certificate: testCert, stringData: { pw: CANARY } });
  });

  test('reports secrets/missing-env with variable, environment, object and path when the variable is unset', () => {
    const out = resolve([res(secret({ name: 'db', stringData: { password: secretValue.fromEnv('DB_PASSWORD') } }))], sources({ OTHER: CANARY }));
    expect(out.findings).toEqual([
      {
        severity: 'error',
        code: 'secrets/missing-env',
        message: "expected environment variable 'DB_PASSWORD' for stringData.password, found it unset",
        hint: "set DB_PASSWORD in the environment that runs kasane render (in CI, add it to the job's secrets)",
        env: 'prod',
        component: 'db',
        object: { apiVersion: 'v1', kind: 'Secret', name: 'db' },
        path: ['stringData', 'password'],
        source: { file: 'components/db.ts', line: 7 },
      },
    ]);
    expect(out.resources[0]!.object.stringData).toEqual({ password: '<<kasane-secret:env:DB_PASSWORD>>' });
  });

  test('reports secrets/missing-file naming the file when the file was not read', () => {
    const out = resolve([res(secret({ name: 'db', stringData: { 'ca.crt': secretValue.fromFile('secrets/ca.crt') } }))], sources());
    expect(out.findings.map((f) => [f.code, f.message, f.path])).toEqual([
      ['secrets/missing-file', 'expected file \'secrets/ca.crt\' for stringData["ca.crt"], found no such file', ['stringData', 'ca.crt']],
    ]);
  });

  test('reports secrets/empty-env as a warning and resolves when the variable is empty', () => {
    const out = resolve([res(secret({ name: 'db', stringData: { pw: secretValue.fromEnv('PW') } }))], sources({ PW: '' }));
    expect(out.findings.map((f) => [f.severity, f.code])).toEqual([['warning', 'secrets/empty-env']]);
    expect(out.resources[0]!.object.stringData).toEqual({ pw: '' });
  });

  test('reports secrets/ref-outside-secret and leaves the token when a reference is in a ConfigMap', () => {
    const cm = configMap({ name: 'settings', data: { url: `https://${secretValue.fromEnv('TOKEN')}@x` } });
    const out = resolve([res(cm)], sources({ TOKEN: CANARY }));
    expect(out.findings.map((f) => [f.code, f.message, f.path])).toEqual([
      ['secrets/ref-outside-secret', "expected secret references only in a Secret's stringData or data, found environment variable 'TOKEN' in ConfigMap at data.url", ['data', 'url']],
    ]);
    expect(out.resources[0]!.object).toEqual(cm);
  });

  test('reports secrets/ref-outside-secret when a reference is in a Secret outside its data', () => {
    const s = secret({ name: 'db', annotations: { note: secretValue.fromEnv('X') } });
    expect(resolve([res(s)], sources({ X: 'x' })).findings[0]!.path).toEqual(['metadata', 'annotations', 'note']);
  });

  test('reports secrets/ref-in-data when a reference under data is part of a longer string', () => {
    const obj = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, data: { pw: `x${secretValue.fromEnv('PW')}` } };
    expect(resolve([res(obj)], sources({ PW: 'a' })).findings.map((f) => f.code)).toEqual(['secrets/ref-in-data']);
  });

  test('reports secrets/file-not-text when binary content is embedded in a longer string', () => {
    const s = secret({ name: 'db', stringData: { pw: `x${secretValue.fromFile('b.bin')}` } });
    const out = resolve([res(s)], sources({}, { 'b.bin': Uint8Array.from([0xc3, 0x28]) }));
    expect(out.findings.map((f) => [f.code, f.message])).toEqual([['secrets/file-not-text', "expected UTF-8 text in file 'b.bin' for stringData.pw, found binary content inside a longer string"]]);
  });

  test('never puts a value into a finding when everything goes wrong at once', () => {
    const input = [
      res(secret({ name: 'a', stringData: { p: secretValue.fromEnv('MISSING'), q: `x${secretValue.fromFile('bin')}`, r: secretValue.fromEnv('SET') } })),
      res(configMap({ name: 'c', data: { u: secretValue.fromEnv('SET') } })),
      res({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'd' }, data: { k: `y${secretValue.fromEnv('SET')}` } }),
    ];
    const out = resolve(input, sources({ SET: CANARY, EMPTY: '' }, { bin: Uint8Array.from([0xff, ...new TextEncoder().encode(CANARY)]) }));
    expect(out.findings.length).toBe(4);
    expect(JSON.stringify(out.findings)).not.toContain(CANARY);
    expect(JSON.stringify(out.findings)).not.toContain(Buffer.from(CANARY).toString('base64'));
  });
});

describe('listSecretRefs', () => {
  test('lists variables and files sorted and once each, wherever the references are', () => {
    const input = [
      res(secret({ name: 'a', stringData: { p: secretValue.fromEnv('B_VAR'), q: `${secretValue.fromEnv('A_VAR')}${secretValue.fromFile('z.txt')}` } })),
      res(configMap({ name: 'c', data: { u: secretValue.fromEnv('B_VAR'), v: secretValue.fromFile('a.txt', { trimTrailingNewline: true }) } })),
    ];
    expect(listSecretRefs(input)).toEqual({ env: ['A_VAR', 'B_VAR'], files: ['a.txt', 'z.txt'] });
  });

  test('lists nothing when no object holds a reference', () => {
    expect(listSecretRefs([res(configMap({ name: 'c', data: { a: 'b' } }))])).toEqual({ env: [], files: [] });
  });
});

describe('resolveSecretRefs with a sealing certificate', () => {
  test('reads the certificate of a sealedSecret from a file and does not treat it as a secret', () => {
    const ss = sealedSecret({ name: 'db', namespace: 'shop', certificate: secretValue.fromFile('certs/prod.pem'), stringData: { pw: 'x' } });
    const out = resolveSecretRefs([res(ss)], sources({}, { 'certs/prod.pem': testCert }), { environment: 'prod' });
    expect(out.findings).toEqual([]);
    expect(out.resources[0]!.object.unsealed).toEqual({ certificate: testCert, stringData: { pw: 'x' } });
    expect(out.values).toEqual([]);
  });
});

describe('secretValue in the typed Secret builders', () => {
  test('puts a tlsSecret key given as a reference under stringData, where the render fills it in', () => {
    const built = tlsSecret({ name: 'edge-tls', cert: 'CERT', key: secretValue.fromFile('secrets/tls.key') });
    expect(built.data).toBeUndefined();
    const out = resolve([res(built)], sources({}, { 'secrets/tls.key': CANARY }));
    expect(out.findings).toEqual([]);
    expect(out.resources[0]!.object).toMatchObject({ type: 'kubernetes.io/tls', stringData: { 'tls.crt': 'CERT', 'tls.key': CANARY } });
  });

  test('refuses a reference as a dockerConfigSecret password, naming the prop and the recipe', () => {
    let error: unknown;
    try {
      dockerConfigSecret({ name: 'registry', registry: 'r.example.com', username: 'ci', password: secretValue.fromEnv('REGISTRY_TOKEN') });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ findings: [{ code: 'builder/secret-ref-unsupported', path: ['password'], object: { kind: 'Secret', name: 'registry' } }] });
    expect((error as Error).message).toContain('found a secretValue reference');
  });
});
