import { describe, expect, test } from 'vitest';
import { loadSchema } from '../../../src/k8s/schema/load.ts';
import type { SchemaNode } from '../../../src/k8s/schema/load.ts';

function propOf(def: string, name: string): SchemaNode | undefined {
  return loadSchema().defs.get(def)?.props.get(name);
}

describe('loadSchema', () => {
  test('compiles an enum into its values when a property has one', () => {
    const node = propOf('core.v1.Container', 'imagePullPolicy');
    expect(node?.kind).toBe('enum');
    if (node?.kind !== 'enum') return;
    expect(node.allowed).toEqual(['Always', 'IfNotPresent', 'Never']);
    expect([...node.values]).toEqual(['Always', 'IfNotPresent', 'Never']);
  });

  test('shares one node when two properties have the same enum', () => {
    expect(propOf('core.v1.EphemeralContainer', 'imagePullPolicy')).toBe(propOf('core.v1.Container', 'imagePullPolicy'));
  });

  test('decodes percent-encoded values and keeps the empty value when compiling enums', () => {
    const usages = propOf('certificates.v1.CertificateSigningRequestSpec', 'usages');
    expect(usages?.kind === 'array' && usages.items.kind === 'enum' ? usages.items.allowed : []).toContain('digital signature');
    const hostPath = propOf('core.v1.HostPathVolumeSource', 'type');
    expect(hostPath?.kind === 'enum' ? hostPath.allowed : []).toEqual(['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket']);
  });

  test('compiles integer sizes when a property is int32 or int64', () => {
    expect(propOf('apps.v1.DeploymentSpec', 'replicas')).toEqual({ kind: 'integer', format: 'int32' });
    expect(propOf('core.v1.PodSpec', 'terminationGracePeriodSeconds')).toEqual({ kind: 'integer', format: 'int64' });
    expect(propOf('apiextensions.v1.JSONSchemaProps', 'minimum')).toEqual({ kind: 'number' });
  });
});
