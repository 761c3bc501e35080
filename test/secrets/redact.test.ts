import { describe, expect, test } from 'vitest';
import { configMap, secret } from '../../src/builders/config.ts';
import { CHANGED, REDACTED, redactForDiff, redactObject, redactSecrets, redactYaml, scrubSecretValues } from '../../src/secrets/redact.ts';
import { sealedSecret } from '../../src/secrets/sealed-secret.ts';
import { testCert } from './open-sealed.ts';
import { deepFreeze } from './thrown.ts';

const CANARY = 'canary-9f3b2c71-do-not-print';
const CANARY64 = Buffer.from(CANARY).toString('base64');

describe('redactObject', () => {
  test('replaces every data and stringData value when given a Secret', () => {
    const s = deepFreeze(secret({ name: 'db', stringData: { password: CANARY }, data: { token: CANARY64 }, type: 'Opaque' }));
    const out = redactObject(s);
    expect(out).toEqual({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, stringData: { password: REDACTED }, data: { token: REDACTED }, type: 'Opaque' });
    expect(JSON.stringify(out)).not.toContain(CANARY);
  });

  test("redacts kubectl's last-applied annotation when a Secret carries one", () => {
    const s = secret({ name: 'db', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({ stringData: { p: CANARY } }), keep: 'me' } });
    expect(redactObject(s).metadata!.annotations).toEqual({ 'kubectl.kubernetes.io/last-applied-configuration': REDACTED, keep: 'me' });
  });

  test('returns the same object when it holds no secret values', () => {
    const cm = configMap({ name: 'c', data: { a: 'b' } });
    expect(redactObject(cm)).toBe(cm);
  });

  test('redacts the pending entries and keeps the ciphertext when given an unsealed sealedSecret', () => {
    const ss = sealedSecret({ name: 'db', namespace: 'shop', certificate: testCert, stringData: { p: CANARY }, encryptedData: { old: 'AgBy' } });
    const out = redactObject(ss);
    expect(out.unsealed).toEqual({ certificate: testCert, stringData: { p: REDACTED } });
    expect(out.spec.encryptedData).toEqual({ old: 'AgBy' });
    expect(JSON.stringify(out)).not.toContain(CANARY);
  });

  test('redacts each Secret in a list', () => {
    const out = redactSecrets([secret({ name: 'a', stringData: { p: CANARY } }), configMap({ name: 'c', data: { a: 'b' } })]);
    expect(JSON.stringify(out)).not.toContain(CANARY);
    expect(out[1]).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'b' } });
  });
});

describe('redactForDiff', () => {
  test('marks only the entries that differ as changed on the new side', () => {
    const before = secret({ name: 'db', stringData: { same: 'x', changed: 'old-value', gone: 'g' } });
    const after = secret({ name: 'db', stringData: { same: 'x', changed: CANARY, added: 'n' } });
    const out = redactForDiff(before, after);
    expect(out.before!.stringData).toEqual({ same: REDACTED, changed: REDACTED, gone: REDACTED });
    expect(out.after!.stringData).toEqual({ same: REDACTED, changed: CHANGED, added: REDACTED });
  });

  test('redacts the one side that exists when the object is added', () => {
    const out = redactForDiff(undefined, secret({ name: 'db', stringData: { p: CANARY } }));
    expect(out).toEqual({ before: undefined, after: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, stringData: { p: REDACTED } } });
  });
});

describe('redactYaml', () => {
  test('redacts the Secret documents and keeps the others when given rendered YAML', () => {
    const text = [
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: b\n',
      `apiVersion: v1\ndata:\n  token: ${CANARY64}\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: ${CANARY}\n  pem: |\n    ${CANARY}\n    line2\n`,
    ].join('---\n');
    expect(redactYaml(text)).toBe(
      [
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: b\n',
        `apiVersion: v1\ndata:\n  token: ${REDACTED}\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: ${REDACTED}\n  pem: ${REDACTED}\n`,
      ].join('---\n'),
    );
  });

  test('shows none of the text when it is not valid YAML', () => {
    expect(redactYaml(`kind: Secret\nstringData: [${CANARY}\n`)).toBe(`# ${REDACTED}: not valid YAML\n`);
  });
});

describe('scrubSecretValues', () => {
  test('replaces the value, its JSON-escaped and base64 forms when they occur in a message', () => {
    const value = `${CANARY}"q`;
    const message = `bad ${JSON.stringify(value)} and ${Buffer.from(value).toString('base64')} and ${value}`;
    const out = scrubSecretValues(message, [value]);
    expect(out).toBe(`bad "${REDACTED}" and ${REDACTED} and ${REDACTED}`);
  });

  test('replaces each line of a multi-line value when lines are quoted apart', () => {
    expect(scrubSecretValues(`line: ${CANARY}`, [`-----BEGIN-----\n${CANARY}\n-----END-----`])).toBe(`line: ${REDACTED}`);
  });

  test('leaves values shorter than four characters alone', () => {
    expect(scrubSecretValues('a cat', ['cat'])).toBe('a cat');
  });
});
