import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { base64DecodedLength, isBase64, isDns1035Label, isDns1123Label, isDns1123Subdomain, isQuantity, labelValueProblem, qualifiedNameProblem, toDnsName } from '../../src/validate/syntax.ts';
// @ts-expect-error: a plain .mjs script without type declarations
import { CANDIDATES, kubectlAccepts, oracleDir } from '../fixtures/validate/quantity-oracle.mjs';

const oracle = JSON.parse(readFileSync(new URL('../fixtures/validate/quantity-oracle.json', import.meta.url), 'utf8')) as Record<string, boolean>;
const hasKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
if (!hasKubectl) console.warn('skipping the live quantity oracle test: kubectl not found');

describe('isQuantity', () => {
  test.each(Object.entries(oracle))('agrees with the committed kubectl answer for %j', (quantity, accepted) => {
    expect(isQuantity(quantity)).toBe(accepted);
  });

  test.skipIf(!hasKubectl)('agrees with kubectl set resources --local on every candidate', () => {
    const dir = oracleDir();
    const live = Object.fromEntries((CANDIDATES as string[]).map((q) => [q, kubectlAccepts(q, dir)]));
    expect(live).toEqual(oracle);
  });

  test('accepts finite numbers', () => {
    expect(isQuantity(0.5)).toBe(true);
    expect(isQuantity(Number.NaN)).toBe(false);
  });
});

describe('names', () => {
  test('checks DNS-1123 labels, subdomains and DNS-1035 labels', () => {
    expect([isDns1123Label('a-1'), isDns1123Label('a.b'), isDns1123Label('a'.repeat(64))]).toEqual([true, false, false]);
    expect([isDns1123Subdomain('a.b-c'), isDns1123Subdomain('-a'), isDns1123Subdomain('A')]).toEqual([true, false, false]);
    expect([isDns1035Label('web'), isDns1035Label('1web')]).toEqual([true, false]);
  });

  test('derives a valid DNS name for hints', () => {
    expect(toDnsName('My_App ')).toBe('my-app');
  });
});

describe('label syntax', () => {
  test('accepts prefixed keys and rejects bad prefixes and names', () => {
    expect(qualifiedNameProblem('app.kubernetes.io/name')).toBeUndefined();
    expect(qualifiedNameProblem('/name')).toBe("prefix \"\" must be a DNS-1123 subdomain (lowercase letters, digits, '-' and '.')");
    expect(qualifiedNameProblem('example.com/')).toBe('the name part must not be empty');
    expect(qualifiedNameProblem('a'.repeat(64))).toBe('the name part must be at most 63 characters, found 64');
  });

  test('accepts empty label values and rejects values ending in a dash', () => {
    expect(labelValueProblem('')).toBeUndefined();
    expect(labelValueProblem('v1-')).toBe("a label value must consist of letters, digits, '-', '_' or '.' and start and end with a letter or digit");
  });
});

describe('base64', () => {
  test('accepts padded base64 with line breaks and counts decoded bytes', () => {
    expect(isBase64('c2Vj\ncmV0')).toBe(true);
    expect(isBase64('c2VjcmV0!')).toBe(false);
    expect(base64DecodedLength('c2VjcmV0')).toBe(6);
    expect(base64DecodedLength('eHg=')).toBe(2);
  });
});
