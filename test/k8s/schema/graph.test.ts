import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { DEFAULT_KUBERNETES_VERSION, DEFAULT_TYPE_GRAPH, moduleOf, propsOf, SCHEMA_VERSIONS, typeGraphOf } from '../../../src/k8s/schema/graph.ts';

describe('propsOf', () => {
  test('gives declared properties with required flags and qualified references when parsing a type', () => {
    // The OpenAPI document of 1.36: DeploymentSpec has required selector and template;
    // the API reference gives its four integers as int32.
    expect(propsOf(DEFAULT_TYPE_GRAPH, 'apps/v1.DeploymentSpec')).toEqual([
      { name: 'minReadySeconds', type: 'int32', required: false },
      { name: 'paused', type: 'boolean', required: false },
      { name: 'progressDeadlineSeconds', type: 'int32', required: false },
      { name: 'replicas', type: 'int32', required: false },
      { name: 'revisionHistoryLimit', type: 'int32', required: false },
      { name: 'selector', type: '#meta/v1.LabelSelector', required: true },
      { name: 'strategy', type: '#apps/v1.DeploymentStrategy', required: false },
      { name: 'template', type: '#core/v1.PodTemplateSpec', required: true },
    ]);
  });

  test('reads an omitted type as string and keeps maps, lists and formats when parsing a kind root', () => {
    const props = new Map(propsOf(DEFAULT_TYPE_GRAPH, 'core/v1.ConfigMap')?.map((p) => [p.name, p.type]));
    expect(Object.fromEntries(props)).toEqual({
      apiVersion: 'string',
      binaryData: '{}string',
      data: '{}string',
      immutable: 'boolean',
      kind: 'string',
      metadata: '#meta/v1.ObjectMeta',
    });
    const meta = new Map(propsOf(DEFAULT_TYPE_GRAPH, 'meta/v1.ObjectMeta')?.map((p) => [p.name, p.type]));
    expect(meta.get('creationTimestamp')).toBe('time');
    expect(meta.get('ownerReferences')).toBe('[]#meta/v1.OwnerReference');
  });

  test('gives enums and integer sizes when a property has them', () => {
    // Checked by hand against the Kubernetes API reference.
    const typeOf = (id: string, name: string) => propsOf(DEFAULT_TYPE_GRAPH, id)?.find((p) => p.name === name)?.type;
    expect(typeOf('core/v1.Container', 'imagePullPolicy')).toBe('=Always,IfNotPresent,Never');
    expect(typeOf('core/v1.PodSpec', 'restartPolicy')).toBe('=Always,Never,OnFailure');
    expect(typeOf('core/v1.PodSpec', 'dnsPolicy')).toBe('=ClusterFirst,ClusterFirstWithHostNet,Default,None');
    expect(typeOf('core/v1.ServiceSpec', 'externalTrafficPolicy')).toBe('=Cluster,Local');
    expect(typeOf('core/v1.PersistentVolumeClaimSpec', 'accessModes')).toBe('[]=ReadOnlyMany,ReadWriteMany,ReadWriteOnce,ReadWriteOncePod');
    expect(typeOf('core/v1.ContainerPort', 'containerPort')).toBe('int32');
    expect(typeOf('core/v1.PodSpec', 'activeDeadlineSeconds')).toBe('int64');
    expect(typeOf('core/v1.PodSecurityContext', 'supplementalGroups')).toBe('[]int64');
    // Fractions are allowed here, and a kind's apiVersion and kind stay plain strings.
    expect(typeOf('apiextensions/v1.JSONSchemaProps', 'maximum')).toBe('number');
    expect(typeOf('apps/v1.Deployment', 'kind')).toBe('string');
  });

  test('gives undefined when the type is not in the graph', () => {
    expect(propsOf(DEFAULT_TYPE_GRAPH, 'core/v1.Nope')).toBeUndefined();
    expect(propsOf(DEFAULT_TYPE_GRAPH, '__proto__')).toBeUndefined();
    expect(propsOf(DEFAULT_TYPE_GRAPH, 'toString')).toBeUndefined();
  });

  test('names only types the graph has when following every reference', () => {
    for (const id of Object.keys(DEFAULT_TYPE_GRAPH.types)) {
      for (const prop of propsOf(DEFAULT_TYPE_GRAPH, id) ?? []) {
        for (const [, ref] of prop.type.matchAll(/#([^|]+)/g)) expect(propsOf(DEFAULT_TYPE_GRAPH, ref ?? ''), `${id}.${prop.name}`).toBeDefined();
      }
    }
    for (const root of Object.values(DEFAULT_TYPE_GRAPH.kinds)) expect(propsOf(DEFAULT_TYPE_GRAPH, root), root).toBeDefined();
  });
});

describe('typeGraphOf', () => {
  test('finds the graph of the default version and nothing for other versions', () => {
    expect(typeGraphOf(DEFAULT_KUBERNETES_VERSION)).toBe(DEFAULT_TYPE_GRAPH);
    expect(DEFAULT_TYPE_GRAPH.kubernetesVersion).toBe('1.36');
    expect(typeGraphOf('1.12')).toBeUndefined();
    expect(typeGraphOf('1.37')).toBeUndefined();
    expect(typeGraphOf('constructor')).toBeUndefined();
  });

  test('builds every older minor from the deltas once and names its own source', () => {
    for (const minor of SCHEMA_VERSIONS) {
      const graph = typeGraphOf(minor);
      expect(graph?.kubernetesVersion).toBe(minor);
      expect(typeGraphOf(minor)).toBe(graph);
      expect(graph?.source).toBe(`kubernetes-sigs/reference-docs@58cd75edc564e7ff9d47acd987be6ab0f466e7d8:gen-apidocs/config/v${minor.replace('.', '_')}/swagger.json`);
    }
    expect(SCHEMA_VERSIONS).toEqual(['1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35', '1.36']);
  });
});

describe('DEFAULT_TYPE_GRAPH', () => {
  test('records the document it was generated from in its data and its header', () => {
    expect(DEFAULT_TYPE_GRAPH.valueSource).toBe('the same document');
    const text = readFileSync(join(import.meta.dirname, '..', '..', '..', 'src', 'k8s', 'schema', 'k8s-1.36.ts'), 'utf8');
    const header = text.slice(0, text.indexOf('*/'));
    expect(header).toContain(`list types: ${DEFAULT_TYPE_GRAPH.source}`);
    expect(header).toContain('GENERATED by scripts/gen-k8s-versions.mjs');
  });
});

describe('moduleOf', () => {
  test('drops the type name when given a type id', () => {
    expect(moduleOf('core/v1.Container')).toBe('core/v1');
    expect(moduleOf('runtime.RawExtension')).toBe('runtime');
  });
});
