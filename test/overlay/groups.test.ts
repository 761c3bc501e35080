/**
 * Groups: each applies its overlay to what it holds, innermost first, before the environment's;
 * references from outside a group follow what the group renamed; copies of one component in two
 * groups are told apart by the groups' names. Expected values follow the compose-* cases of
 * test/conformance/kustomize (checked against kubectl there; these are the same trees written
 * in kasane's API).
 */
import { describe, expect, test } from 'vitest';
import { defineComponent } from '../../src/define/component.ts';
import { defineEnvironment } from '../../src/define/environment.ts';
import { configMapGenerator } from '../../src/define/generators.ts';
import { defineGroup } from '../../src/define/group.ts';
import { defineMixin } from '../../src/define/mixin.ts';
import { strategicMerge } from '../../src/define/patch.ts';
import type { KObject } from '../../src/k8s/object.ts';
import { render } from '../../src/pipeline/render.ts';
import type { Environment } from '../../src/project/environment.ts';
import { z } from 'zod';

const config = { out: 'rendered', environmentsDir: 'environments' };
const renderEnv = (env: Environment, others: Environment[] = []) => render({ config, environments: [env, ...others], files: new Map() }, env.name, { validate: false });
const names = (objects: readonly { object: KObject }[]) => objects.map((r) => `${r.object.kind}/${r.object.metadata.namespace ?? ''}/${r.object.metadata.name}`).sort();

const app = defineComponent({
  name: 'app',
  values: z.object({ replicas: z.number().default(1) }),
  generators: [configMapGenerator({ name: 'app-config', literals: ['LOG_LEVEL=info'] })],
  build: (v) => [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'app' },
      spec: {
        replicas: v.replicas,
        selector: { matchLabels: { app: 'app' } },
        template: { metadata: { labels: { app: 'app' } }, spec: { containers: [{ name: 'app', image: 'example/app:1.0', envFrom: [{ configMapRef: { name: 'app-config' } }] }] } },
      },
    },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'app' }, spec: { selector: { app: 'app' }, ports: [{ port: 80, targetPort: 8080 }] } },
  ],
});

const east = defineGroup({ name: 'region-east', namePrefix: 'east-', labels: [{ pairs: { region: 'east' }, includeSelectors: true }], components: [app] });
const west = defineGroup({
  name: 'region-west',
  namePrefix: 'west-',
  labels: [{ pairs: { region: 'west' }, includeSelectors: true }],
  replicas: [{ name: 'app', count: 2 }],
  generators: [configMapGenerator({ name: 'app-config', behavior: 'merge', literals: ['LOG_LEVEL=debug'] })],
  components: [app],
});

describe('groups', () => {
  test('renders the diamond of compose-diamond: two copies of one component, each with its group’s overlay', () => {
    const result = renderEnv(defineEnvironment({ name: 'global', namespace: 'global', components: [east, west] }));
    expect(result.findings).toEqual([]);
    expect(names(result.resources)).toEqual([
      'ConfigMap/global/east-app-config-hf678c7m2b',
      'ConfigMap/global/west-app-config-47668c6k28',
      'Deployment/global/east-app',
      'Deployment/global/west-app',
      'Service/global/east-app',
      'Service/global/west-app',
    ]);
    const deployment = (name: string) => result.resources.find((r) => r.object.kind === 'Deployment' && r.object.metadata.name === name)!.object as KObject & { spec: any };
    expect(deployment('west-app').spec.replicas).toBe(2);
    expect(deployment('east-app').spec.replicas).toBe(1);
    expect(deployment('west-app').spec.template.spec.containers[0].envFrom[0].configMapRef.name).toBe('west-app-config-47668c6k28');
    expect(deployment('east-app').spec.selector.matchLabels).toEqual({ app: 'app', region: 'east' });
  });

  test('reports the two copies when groups gather objects with the same identity', () => {
    const blue = defineGroup({ name: 'blue', labels: [{ pairs: { color: 'blue' } }], components: [app] });
    const green = defineGroup({ name: 'green', labels: [{ pairs: { color: 'green' } }], components: [app] });
    const result = renderEnv(defineEnvironment({ name: 'prod', components: [blue, green] }));
    expect(result.findings.map((f) => [f.code, f.message])).toEqual([
      ['render/duplicate-object', "Deployment/app is defined twice when the environment gathers its groups: 'blue/app' and 'green/app' both hold it"],
      ['render/duplicate-object', "Service/app is defined twice when the environment gathers its groups: 'blue/app' and 'green/app' both hold it"],
      ['render/duplicate-object', "ConfigMap/app-config is defined twice when the environment gathers its groups: 'blue/app' and 'green/app' both hold it"],
    ]);
  });

  test('sets the values of one copy through its group and of every copy through the component', () => {
    const both = renderEnv(defineEnvironment({ name: 'a', components: [east, west, app.with({ replicas: 5 })] }));
    const one = renderEnv(defineEnvironment({ name: 'b', components: [east.with({ app: { replicas: 7 } }), west] }));
    const replicas = (r: typeof both, name: string) => (r.resources.find((x) => x.object.kind === 'Deployment' && x.object.metadata.name === name)!.object as any).spec.replicas;
    expect([replicas(both, 'east-app'), replicas(both, 'west-app')]).toEqual([5, 2]);
    expect([replicas(one, 'east-app'), replicas(one, 'west-app')]).toEqual([7, 2]);
  });

  test('lets a patch of the environment find an object by the name it had before its group’s prefix', () => {
    const env = defineEnvironment({
      name: 'prod',
      components: [east],
      patches: [strategicMerge({ kind: 'Deployment', name: 'app' }, { metadata: { annotations: { patched: 'yes' } } })],
    });
    const result = renderEnv(env);
    expect(result.findings).toEqual([]);
    expect(result.resources.find((r) => r.object.metadata.name === 'east-app' && r.object.kind === 'Deployment')!.object.metadata.annotations).toEqual({ patched: 'yes' });
  });
});

// The components-resource-own-transforms* cases of test/conformance/kustomize, in kasane's API.
describe('groups in a mixin', () => {
  const settings = defineComponent({ name: 'settings', values: z.object({}), build: () => [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { mode: 'plain' } }] });
  const web = defineComponent({ name: 'web', values: z.object({}), build: () => [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ port: 80 }] } }] });
  const folder = defineGroup({
    name: 'settings-folder',
    namePrefix: 'extra-',
    patches: [strategicMerge({ kind: 'ConfigMap', name: 'settings' }, { data: { level: 'folder' } })],
    components: [settings],
  });
  const extra = defineMixin({ name: 'extra', components: [folder], patches: [strategicMerge({ kind: 'ConfigMap', name: 'extra-settings' }, { data: { level: 'component', mode: 'patched' } })] });

  test("the group's overlay runs first, then the mixin's steps, then the environment's", () => {
    const got = renderEnv(defineEnvironment({ name: 'prod', namespace: 'shop', namePrefix: 'app-', components: [web], mixins: [extra] }));
    expect(got.findings).toEqual([]);
    expect(names(got.resources)).toEqual(['ConfigMap/shop/app-extra-settings', 'Service/shop/app-web']);
    expect(got.resources.find((r) => r.object.kind === 'ConfigMap')?.object.data).toEqual({ level: 'component', mode: 'patched' });
  });

  test("the group's objects join when its mixin runs: a mixin before it does not change them", () => {
    const labels = defineMixin({ name: 'labels', labels: [{ pairs: { tier: 'web' } }] });
    const got = renderEnv(defineEnvironment({ name: 'prod', namespace: 'shop', components: [web], mixins: [labels, extra] }));
    expect(got.findings).toEqual([]);
    const byKind = new Map(got.resources.map((r) => [r.object.kind, r.object]));
    expect(byKind.get('Service')?.metadata.labels).toEqual({ tier: 'web' });
    expect(byKind.get('ConfigMap')?.metadata.labels).toBeUndefined();
  });
});
