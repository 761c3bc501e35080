import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { defineComponent } from '../../src/define/component.ts';
import { defineEnvironment } from '../../src/define/environment.ts';
import { defineGroup } from '../../src/define/group.ts';
import { defineMixin } from '../../src/define/mixin.ts';
import { memberName } from '../../src/project/group.ts';
import { isKasaneError } from '../../src/errors.ts';

function errorOf(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (e) {
    if (isKasaneError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected an error');
}

const api = defineComponent({ name: 'api', values: z.object({}), build: () => [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'api' } }] });

describe('defineMixin', () => {
  test('returns a mixin whose components are component uses when given bare components', () => {
    const m = defineMixin({ name: 'ha', components: [api], replicas: [{ name: 'api', count: 3 }] });
    expect(m.kind).toBe('kasane.mixin');
    expect(m.components.map((u) => [u.kind, memberName(u)])).toEqual([['kasane.component-use', 'api']]);
    expect(m.replicas).toEqual([{ name: 'api', count: 3 }]);
  });

  test('holds groups, bare or with values, beside components', () => {
    const crds = defineGroup({ name: 'crds', namePrefix: 'x-', components: [api] });
    const m = defineMixin({ name: 'extra', components: [api, crds, crds.with({ api: {} })] });
    expect(m.components.map((u) => [u.kind, memberName(u)])).toEqual([
      ['kasane.component-use', 'api'],
      ['kasane.group-use', 'crds'],
      ['kasane.group-use', 'crds'],
    ]);
  });

  test('refuses a name that is not a DNS label', () => {
    expect(errorOf(() => defineMixin({ name: 'High_Availability' }))).toEqual({ code: 'project/invalid-mixin', message: 'expected a lowercase DNS label as mixin name, found "High_Availability"' });
  });

  test('refuses a components entry that is not a component (a circular import)', () => {
    expect(errorOf(() => defineMixin({ name: 'ha', components: [undefined as never] }))).toEqual({
      code: 'project/invalid-mixin',
      message: "expected a component, a group or one of them .with(...) at components[0] of mixin 'ha', found undefined (a missing import or a circular import?)",
    });
  });

  test('refuses an environment mixins entry that is not a mixin', () => {
    expect(errorOf(() => defineEnvironment({ name: 'prod', mixins: [{ name: 'x' } as never] }))).toEqual({
      code: 'project/invalid-environment',
      message: "expected a mixin at mixins[0] of environment 'prod', found an object",
    });
  });
});

describe('defineEnvironment sortOptions', () => {
  test('refuses the sortOptions kubectl kustomize refuses', () => {
    expect(errorOf(() => defineEnvironment({ name: 'prod', sortOptions: { order: 'random' } as never }))).toEqual({
      code: 'project/invalid-environment',
      message: "expected sortOptions.order to be 'fifo' or 'legacy', found \"random\" in environment 'prod'",
    });
    expect(errorOf(() => defineEnvironment({ name: 'prod', sortOptions: { order: 'fifo', legacySortOptions: { orderFirst: [] } } as never }))).toEqual({
      code: 'project/invalid-environment',
      message: "expected sortOptions.legacySortOptions only with order 'legacy', found order 'fifo' in environment 'prod'",
    });
  });

  test('accepts the legacy order with custom lists', () => {
    expect(defineEnvironment({ name: 'prod', sortOptions: { order: 'legacy', legacySortOptions: { orderFirst: ['Namespace'] } } }).sortOptions).toEqual({
      order: 'legacy',
      legacySortOptions: { orderFirst: ['Namespace'] },
    });
  });
});
