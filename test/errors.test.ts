import { describe, expect, test } from 'vitest';
import { countOf, didYouMean, formatObjectRef, formatPath, suggestSimilar } from '../src/errors.ts';

describe('formatPath', () => {
  test('writes zod dot paths and brackets keys that are not identifiers', () => {
    expect(formatPath(['spec', 'template', 'spec', 'containers', 0, 'image'])).toBe('spec.template.spec.containers[0].image');
    expect(formatPath(['metadata', 'labels', 'app.kubernetes.io/name'])).toBe('metadata.labels["app.kubernetes.io/name"]');
    expect(formatPath([])).toBe('');
  });
});

describe('suggestSimilar', () => {
  test('finds typos, swapped letters and case slips, closest first', () => {
    expect(suggestSimilar('replica', ['replicas', 'selector'])).toEqual(['replicas']);
    expect(suggestSimilar('wbe', ['web', 'api'])).toEqual(['web']);
    expect(suggestSimilar('Replicas', ['replicas'])).toEqual(['replicas']);
    expect(suggestSimilar('zzzz', ['replicas'])).toEqual([]);
  });

  test('phrases a suggestion or nothing', () => {
    expect(didYouMean('contianers', ['containers', 'volumes'])).toBe(" (did you mean 'containers'?)");
    expect(didYouMean('x', [])).toBe('');
  });
});

describe('formatObjectRef', () => {
  test('includes the namespace when there is one', () => {
    expect(formatObjectRef({ kind: 'Deployment', name: 'api' })).toBe('Deployment/api');
    expect(formatObjectRef({ kind: 'Deployment', namespace: 'prod', name: 'api' })).toBe('Deployment/prod/api');
  });
});

describe('countOf', () => {
  test('puts the noun in the singular for one only', () => {
    expect([0, 1, 2].map((n) => countOf(n, 'file'))).toEqual(['0 files', '1 file', '2 files']);
    expect(countOf(1, 'entry', 'entries')).toBe('1 entry');
    expect(countOf(3, 'entry', 'entries')).toBe('3 entries');
  });
});
