import { describe, expect, test } from 'vitest';
import type { KObject } from '../../src/k8s/object.ts';
import { loadProject } from '../../src/load/load-project.ts';
import { render } from '../../src/pipeline/render.ts';
import { diffFields, diffObjectSets, entriesForDrift, entriesOfEnvironment, withoutHashSuffix, type DiffSide } from '../../src/tools/object-diff.ts';
import { formatDiffJson, formatDiffMarkdown, formatDiffText } from '../../src/cli/diff-format.ts';
import { redactForDiff } from '../../src/secrets/redact.ts';
import { writeProject } from '../helpers/project.ts';

const cm = (name: string, data: Record<string, string>, namespace?: string): KObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, ...(namespace ? { namespace } : {}) },
  data,
});

const deploy = (name: string, containers: unknown[], extra: Record<string, unknown> = {}): KObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: { replicas: 1, template: { spec: { containers } }, ...extra },
});

const side = (label: string, objects: KObject[], namespace?: string): DiffSide => ({ label, objects: objects.map((object) => ({ object })), ...(namespace ? { namespace } : {}) });

describe('diffObjectSets', () => {
  test('lists objects on one side only when names differ', () => {
    const diff = diffObjectSets(side('a', [cm('old', {})]), side('b', [cm('new', {})]));
    expect(diff.objects.map((o) => [o.change, o.name])).toEqual([
      ['added', 'new'],
      ['removed', 'old'],
    ]);
    expect(diff.unchanged).toBe(0);
  });

  test('reports changed, added and removed fields with both sides when an object is on both', () => {
    const diff = diffObjectSets(side('a', [cm('cfg', { A: '1', B: '2' })]), side('b', [cm('cfg', { A: '9', C: '3' })]));
    expect(diff.objects).toEqual([
      {
        change: 'changed',
        kind: 'ConfigMap',
        name: 'cfg',
        before: { apiVersion: 'v1', kind: 'ConfigMap', name: 'cfg' },
        after: { apiVersion: 'v1', kind: 'ConfigMap', name: 'cfg' },
        fields: [
          { path: ['data', 'A'], change: 'changed', before: '1', after: '9' },
          { path: ['data', 'B'], change: 'removed', before: '2' },
          { path: ['data', 'C'], change: 'added', after: '3' },
        ],
      },
    ]);
  });

  test('counts equal objects as unchanged when nothing differs', () => {
    const diff = diffObjectSets(side('a', [cm('x', { A: '1' })]), side('b', [cm('x', { A: '1' })]));
    expect(diff).toEqual({ before: 'a', after: 'b', objects: [], unchanged: 1 });
  });

  test('matches objects in each side environment namespace when the namespaces differ', () => {
    const diff = diffObjectSets(side('staging', [cm('x', { A: '1' }, 'shop-staging')], 'shop-staging'), side('prod', [cm('x', { A: '1' }, 'shop-prod')], 'shop-prod'));
    expect(diff.objects).toEqual([]);
    expect(diff.unchanged).toBe(1);
  });

  test('keeps objects apart when they sit in other namespaces than the environment one', () => {
    const diff = diffObjectSets(side('a', [cm('x', {}, 'kube-system')], 'shop-a'), side('b', [cm('x', {}, 'shop-b')], 'shop-b'));
    // Render order: kube-system sorts before shop-b.
    expect(diff.objects.map((o) => [o.change, o.before?.namespace ?? o.after?.namespace])).toEqual([
      ['removed', 'kube-system'],
      ['added', 'shop-b'],
    ]);
  });

  test('matches containers by name when their order in the list changes', () => {
    const a = deploy('api', [
      { name: 'app', image: 'app:1' },
      { name: 'sidecar', image: 's:1' },
    ]);
    const b = deploy('api', [
      { name: 'init', image: 'i:1' },
      { name: 'app', image: 'app:2' },
      { name: 'sidecar', image: 's:1' },
    ]);
    expect(diffFields(a, b)).toEqual([
      { path: ['spec', 'template', 'spec', 'containers', 0], change: 'added', after: { name: 'init', image: 'i:1' } },
      { path: ['spec', 'template', 'spec', 'containers', 1, 'image'], change: 'changed', before: 'app:1', after: 'app:2' },
    ]);
  });

  test('reports a list of scalars as one change when an item is inserted', () => {
    const a = deploy('api', [{ name: 'app', args: ['--a', '--b'] }]);
    const b = deploy('api', [{ name: 'app', args: ['--a', '--c', '--b'] }]);
    expect(diffFields(a, b)).toEqual([{ path: ['spec', 'template', 'spec', 'containers', 0, 'args'], change: 'changed', before: ['--a', '--b'], after: ['--a', '--c', '--b'] }]);
  });

  test('reads only own keys when a map holds __proto__ on one side', () => {
    const data = JSON.parse('{"__proto__":"x","A":"1"}') as Record<string, string>;
    const diff = diffObjectSets(side('a', [cm('cfg', { A: '1' })]), side('b', [cm('cfg', data)]));
    expect(diff.objects[0]?.fields).toEqual([{ path: ['data', '__proto__'], change: 'added', after: 'x' }]);
    const back = diffObjectSets(side('a', [cm('cfg', data)]), side('b', [cm('cfg', { A: '1' })]));
    expect(back.objects[0]?.fields).toEqual([{ path: ['data', '__proto__'], change: 'removed', before: 'x' }]);
  });

  test('compares renamed references by base name when references are normalized', () => {
    const before: DiffSide = {
      label: 'staging',
      objects: [
        { object: cm('staging-cfg-5f7bc9dk4t', { A: '1' }), baseName: 'cfg' },
        { object: deploy('staging-api', [{ name: 'app', envFrom: [{ configMapRef: { name: 'staging-cfg-5f7bc9dk4t' } }] }]), baseName: 'api' },
      ],
    };
    const after: DiffSide = {
      label: 'prod',
      objects: [
        { object: cm('cfg-9mtkkg2746', { A: '2' }), baseName: 'cfg' },
        { object: deploy('api', [{ name: 'app', envFrom: [{ configMapRef: { name: 'cfg-9mtkkg2746' } }] }]), baseName: 'api' },
      ],
    };
    const normalized = diffObjectSets(before, after, { normalizeReferences: true });
    expect(normalized.objects.map((o) => [o.kind, o.name, o.fields.map((f) => f.path.join('.'))])).toEqual([['ConfigMap', 'cfg', ['data.A']]]);
    expect(normalized.unchanged).toBe(1);
    const exact = diffObjectSets(before, after);
    expect(exact.objects.map((o) => o.name)).toEqual(['cfg', 'api']);
  });
});

describe('withoutHashSuffix', () => {
  test('drops a content-hash suffix when the name ends with one', () => {
    // 8dg4th9gcb: `kubectl kustomize` names a configMapGenerator app-config (LOG_FORMAT=json, LOG_LEVEL=info) app-config-8dg4th9gcb.
    expect(withoutHashSuffix('app-config-8dg4th9gcb')).toBe('app-config');
  });

  test('keeps the name when the last part has letters a hash never uses', () => {
    expect(withoutHashSuffix('api-production')).toBe('api-production');
    expect(withoutHashSuffix('cfg-short')).toBe('cfg-short');
  });
});

describe('entriesForDrift', () => {
  test('matches a generated ConfigMap whose hash changed as one changed object', () => {
    const diff = diffObjectSets(
      { label: 'committed', objects: entriesForDrift([cm('cfg-8dg4th9gcb', { A: '1' })]) },
      { label: 'rendered', objects: entriesForDrift([cm('cfg-9mtkkg2746', { A: '2' })]) },
    );
    expect(diff.objects).toHaveLength(1);
    expect(diff.objects[0]).toMatchObject({ change: 'changed', name: 'cfg', before: { name: 'cfg-8dg4th9gcb' }, after: { name: 'cfg-9mtkkg2746' } });
  });
});

describe('diffObjectSets with secrets', () => {
  const CANARY = 'canary-value-7f3e1d';
  const CANARY_B64 = Buffer.from(CANARY).toString('base64');
  const secret = (data: Record<string, string>, stringData?: Record<string, string>): KObject => ({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'db' },
    type: 'Opaque',
    data,
    ...(stringData ? { stringData } : {}),
  });

  test('shows <changed> and key names only when secret values differ', () => {
    const before = secret({ password: Buffer.from('old-password').toString('base64'), gone: CANARY_B64 }, { token: 'old-token' });
    const after = secret({ password: CANARY_B64, fresh: CANARY_B64 }, { token: CANARY });
    const diff = diffObjectSets(side('a', [before]), side('b', [after]), { redact: redactForDiff });
    expect(diff.objects[0]!.fields).toEqual([
      { path: ['data', 'fresh'], change: 'added', after: '<redacted>' },
      { path: ['data', 'gone'], change: 'removed', before: '<redacted>' },
      { path: ['data', 'password'], change: 'changed', before: '<redacted>', after: '<changed>' },
      { path: ['stringData', 'token'], change: 'changed', before: '<redacted>', after: '<changed>' },
    ]);
    expect(formatDiffMarkdown(diff)).toContain('<code>&lt;changed&gt;</code>');
    for (const text of [formatDiffText(diff), formatDiffText(diff, { color: true }), formatDiffJson(diff), formatDiffMarkdown(diff)]) {
      expect(text).not.toContain(CANARY);
      expect(text).not.toContain(CANARY_B64);
      expect(text).not.toContain('old-password');
    }
  });
});

describe('diffObjectSets on rendered environments', () => {
  test('compares objects across prefix, namespace and hash suffix when two environments render', async () => {
    const root = writeProject({
      'components/api.ts': `
        import { configMap, container, defineComponent, deployment, envFrom, z } from 'kasane';
        export default defineComponent({
          name: 'api',
          values: z.object({ replicas: z.number().default(1), level: z.string().default('info') }),
          build(values) {
            const cfg = configMap({ name: 'api-config', data: { LEVEL: values.level }, hashSuffix: true });
            const api = deployment({ name: 'api', replicas: values.replicas, containers: [container({ name: 'api', image: 'example/api:1.0.0', envFrom: envFrom(cfg) })] });
            return [cfg, api];
          },
        });
      `,
      'environments/staging.ts': `
        import { defineEnvironment } from 'kasane';
        import api from '../components/api.ts';
        export default defineEnvironment({ name: 'staging', namespace: 'shop-staging', namePrefix: 'staging-', components: [api.with({ level: 'debug' })] });
      `,
      'environments/prod.ts': `
        import { defineEnvironment } from 'kasane';
        import api from '../components/api.ts';
        export default defineEnvironment({ name: 'prod', namespace: 'shop-prod', components: [api.with({ replicas: 3 })] });
      `,
    });
    const project = await loadProject(root);
    const staging = render(project, 'staging', { validate: false });
    const prod = render(project, 'prod', { validate: false });
    expect([...staging.findings, ...prod.findings].filter((f) => f.severity === 'error')).toEqual([]);
    const diff = diffObjectSets(
      { label: 'staging', objects: entriesOfEnvironment(staging.resources), namespace: 'shop-staging' },
      { label: 'prod', objects: entriesOfEnvironment(prod.resources), namespace: 'shop-prod' },
      { normalizeReferences: true },
    );
    const text = formatDiffText(diff);
    expect(text).toMatch(
      /^~ ConfigMap\/shop-staging\/staging-api-config-[a-z0-9]{10} → ConfigMap\/shop-prod\/api-config-[a-z0-9]{10}\n    ~ data\.LEVEL: "debug" → "info"\n~ Deployment\/shop-staging\/staging-api → Deployment\/shop-prod\/api\n    ~ spec\.replicas: 1 → 3\n\n2 objects differ between staging and prod: 2 changed, 0 unchanged\n$/,
    );
  });
});
