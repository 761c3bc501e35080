import { describe, expect, test } from 'vitest';
import { labelSelector, mapSelector, matchesSelector, parseSelector } from '../../src/k8s/label-selector.ts';

describe('parseSelector', () => {
  test('reads equality, set and existence requirements', () => {
    expect(parseSelector('app=api, tier in (web, edge),!legacy,track!=canary,team')).toEqual([
      { key: 'app', op: 'in', values: ['api'] },
      { key: 'tier', op: 'in', values: ['web', 'edge'] },
      { key: 'legacy', op: 'not-exists' },
      { key: 'track', op: 'not-in', values: ['canary'] },
      { key: 'team', op: 'exists' },
    ]);
  });

  test('throws overlay/invalid-selector on garbage', () => {
    expect(() => parseSelector('app in web')).toThrowError(/cannot read selector/);
  });
});

describe('matchesSelector', () => {
  test('needs every requirement to hold', () => {
    const req = parseSelector('app=api,tier notin (db)');
    expect(matchesSelector(req, { app: 'api', tier: 'web' })).toBe(true);
    expect(matchesSelector(req, { app: 'api', tier: 'db' })).toBe(false);
    expect(matchesSelector(req, { tier: 'web' })).toBe(false);
    expect(matchesSelector(parseSelector('!x'), undefined)).toBe(true);
  });
});

describe('labelSelector', () => {
  const labels = { app: 'web', tier: 'front' };

  test('reads matchLabels and every matchExpressions operator as the API does', () => {
    const reqs = labelSelector({
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['front', 'edge'] },
        { key: 'track', operator: 'DoesNotExist' },
      ],
    })!;
    expect(matchesSelector(reqs, labels)).toBe(true);
    expect(matchesSelector(labelSelector({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['front'] }] })!, labels)).toBe(false);
    expect(matchesSelector(labelSelector({ matchExpressions: [{ key: 'tier', operator: 'Exists' }] })!, labels)).toBe(true);
  });

  test('selects everything when the selector is empty and nothing when an expression is malformed', () => {
    expect(matchesSelector(labelSelector({})!, labels)).toBe(true);
    expect(matchesSelector(labelSelector({ matchExpressions: [{ key: 'tier', operator: 'Matches' }] })!, labels)).toBe(false);
    expect(matchesSelector(labelSelector({ matchExpressions: ['tier'] })!, labels)).toBe(false);
    expect(labelSelector('app=web')).toBeUndefined();
  });

  test('counts a key as present only when the labels hold it, not their prototype', () => {
    expect(matchesSelector(labelSelector({ matchExpressions: [{ key: 'constructor', operator: 'Exists' }] })!, labels)).toBe(false);
    expect(matchesSelector(parseSelector('!toString'), labels)).toBe(true);
  });
});

describe('mapSelector', () => {
  test('needs every key of the map with an equal value, as a Service selector does', () => {
    expect(matchesSelector(mapSelector({ app: 'web' }), { app: 'web', tier: 'front' })).toBe(true);
    expect(matchesSelector(mapSelector({ app: 'web', tier: 'back' }), { app: 'web', tier: 'front' })).toBe(false);
    expect(matchesSelector(mapSelector({}), {})).toBe(true);
  });
});
