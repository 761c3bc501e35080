import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { defineComponent } from '../../src/define/component.ts';
import { findUnknownKeys, resolveValues } from '../../src/build/values.ts';

const api = defineComponent({
  name: 'api',
  values: z.object({
    replicas: z.number().int().default(1),
    image: z.object({ repository: z.string().default('example/api'), tag: z.string().default('1.0.0') }).default({ repository: 'example/api', tag: '1.0.0' }),
    ports: z.array(z.object({ name: z.string(), port: z.number() })).default([]),
    labels: z.record(z.string(), z.string()).default({}),
    extra: z.object({}).passthrough().default({}),
  }),
  build: () => [],
});

describe('findUnknownKeys', () => {
  test('finds unknown keys at any depth, with the known keys of that level', () => {
    const found = findUnknownKeys(api.values, { replica: 1, image: { tga: 'x' }, ports: [{ name: 'a', port: 1, prot: 'x' }] });
    expect(found.map((f) => f.path)).toEqual([['replica'], ['image', 'tga'], ['ports', 0, 'prot']]);
    expect(found[1]!.known).toEqual(['repository', 'tag']);
  });

  test('accepts any key in records and passthrough objects', () => {
    expect(findUnknownKeys(api.values, { labels: { anything: 'x' }, extra: { free: 1 } })).toEqual([]);
  });
});

describe('resolveValues', () => {
  test('applies schema defaults under the layers', () => {
    const r = resolveValues(
      api,
      [
        { env: 'base', values: { replicas: 2 } },
        { env: 'prod', values: { image: { tag: '2.0.0' } } },
      ],
      'prod',
    );
    expect(r).toEqual({ ok: true, values: { replicas: 2, image: { repository: 'example/api', tag: '2.0.0' }, ports: [], labels: {}, extra: {} } });
  });

  test('names the layer that wrote a bad value', () => {
    const r = resolveValues(
      api,
      [
        { env: 'base', values: { replicas: 2 }, source: { file: 'environments/base.ts', line: 3 } },
        { env: 'prod', values: { replicas: 'x' }, source: { file: 'environments/prod.ts', line: 9 } },
      ],
      'prod',
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.findings).toEqual([
      {
        severity: 'error',
        code: 'values/invalid',
        message: `expected number, received string "x" at 'replicas' of component 'api'`,
        hint: "fix values.api.replicas in the environment, or the component's schema",
        env: 'prod',
        component: 'api',
        path: ['values', 'api', 'replicas'],
        source: { file: 'environments/prod.ts', line: 9 },
      },
    ]);
  });

  test('reports an unknown key with a suggestion and the file that wrote it', () => {
    const r = resolveValues(api, [{ env: 'dev', values: { replicaz: 3 }, source: { file: 'environments/dev.ts', line: 4 } }], 'dev');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.findings[0]).toMatchObject({
      code: 'values/unknown-key',
      message: `unknown value 'replicaz' for component 'api' (did you mean 'replicas'?)`,
      path: ['values', 'api', 'replicaz'],
      source: { file: 'environments/dev.ts', line: 4 },
    });
  });
});
