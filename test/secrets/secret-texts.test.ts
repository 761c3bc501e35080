import { describe, expect, test } from 'vitest';
import { configMap, secret } from '../../src/builders/config.ts';
import { makeScrubber, redactFinding } from '../../src/secrets/redact.ts';
import { hiddenSecretTexts, secretTextsOf } from '../../src/secrets/secret-texts.ts';
import { sealedSecret } from '../../src/secrets/sealed-secret.ts';
import { testCert } from './open-sealed.ts';

const CANARY = 'canary-9f3b2c71-do-not-print';
const B64 = Buffer.from(CANARY).toString('base64');

describe('secretTextsOf', () => {
  test('collects stringData, data as written and decoded, unsealed entries, and numbers', () => {
    const texts = secretTextsOf([
      secret({ name: 'a', stringData: { p: CANARY, empty: '' }, data: { d: B64 } }),
      sealedSecret({ name: 's', certificate: testCert, stringData: { q: 'sealed-value' } }),
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'n' }, stringData: { port: 5432 } },
      configMap({ name: 'c', data: { not: 'secret' } }),
    ]);
    expect([...texts].sort()).toEqual([B64, CANARY, '5432', 'sealed-value'].sort());
  });
});

describe('hiddenSecretTexts', () => {
  test("keeps the values no field outside a secret map shows, also not a Secret's own annotations", () => {
    const objects = [
      secret({ name: 'db', stringData: { host: 'postgres', port: '5432', password: CANARY, note: 'kept' }, annotations: { 'kubectl.kubernetes.io/last-applied-configuration': CANARY, a: 'kept' } }),
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'postgres' }, spec: { ports: [{ port: 5432 }] } },
    ];
    expect(hiddenSecretTexts(secretTextsOf(objects), objects).sort()).toEqual([CANARY, 'kept'].sort());
  });
});

describe('redactFinding', () => {
  test('scrubs message, hint and cause, and returns the same finding when nothing is secret', () => {
    const scrub = makeScrubber([CANARY]);
    const f = { severity: 'error' as const, code: 'x/y', message: `found "${CANARY}"`, hint: `not ${B64}`, cause: `Error: ${JSON.stringify({ p: CANARY })}` };
    expect(redactFinding(f, scrub)).toEqual({ ...f, message: 'found "<redacted>"', hint: 'not <redacted>', cause: 'Error: {"p":"<redacted>"}' });
    const clean = { severity: 'warning' as const, code: 'x/y', message: 'nothing here' };
    expect(redactFinding(clean, scrub)).toBe(clean);
  });

  test('scrubs each line of a multi-line value, also JSON-escaped', () => {
    const scrub = makeScrubber(['-----BEGIN KEY-----\nline-with-"quote"\n-----END KEY-----']);
    expect(scrub('bad line "line-with-\\"quote\\""')).toBe('bad line "<redacted>"');
  });
});
