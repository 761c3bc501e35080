import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import type { KObject } from '../../src/k8s/object.ts';
import type { Resource } from '../../src/k8s/resource.ts';
import { layoutFiles, objectFile } from '../../src/render/layout.ts';

function resource(kind: string, name: string, component = 'web'): Resource {
  return { component, object: { apiVersion: 'v1', kind, metadata: { name, namespace: 'shop' } } as KObject } as Resource;
}

describe('objectFile', () => {
  test('is <component>/<kind>-<name>.yaml, the kind in lowercase', () => {
    expect(objectFile(resource('ConfigMap', 'web-settings'))).toBe('web/configmap-web-settings.yaml');
    expect(objectFile(resource('Namespace', 'shop', ''))).toBe('_environment/namespace-shop.yaml');
  });

  test('keeps a name whose file name is exactly 255 bytes', () => {
    const name = 'a'.repeat(240); // configmap- (10) + 240 + .yaml (5) = 255
    expect(objectFile(resource('ConfigMap', name))).toBe(`web/configmap-${name}.yaml`);
  });

  test('cuts a longer name (Kubernetes allows 253 characters) and ends it with a hash of the whole name', () => {
    const name = `${'a'.repeat(250)}xyz`;
    const hash = createHash('sha256').update(name).digest('hex').slice(0, 10);
    const file = objectFile(resource('ConfigMap', name));
    const base = file.slice('web/'.length);
    expect(Buffer.byteLength(base)).toBe(255);
    expect(base).toBe(`configmap-${'a'.repeat(255 - 'configmap--.yaml'.length - 10)}-${hash}.yaml`);
    // Two long names that share the kept part still get two files.
    expect(objectFile(resource('ConfigMap', `${'a'.repeat(250)}xyw`))).not.toBe(file);
  });
});

describe('layoutFiles', () => {
  test('reports two objects that would share a file', () => {
    expect(() => layoutFiles([resource('ConfigMap', 'x'), resource('ConfigMap', 'x')], 'dev')).toThrow(
      expect.objectContaining({
        findings: [
          expect.objectContaining({
            code: 'render/file-collision',
            message: "'web/configmap-x.yaml' would hold both v1 ConfigMap/shop/x (component 'web') and v1 ConfigMap/shop/x (component 'web')",
          }),
        ],
      }),
    );
  });

  test('refuses a name that would reach outside its folder (possible with --no-validate)', () => {
    expect(() => layoutFiles([resource('ConfigMap', 'a/../../../escaped'), resource('Secret', 'b\\c')], 'dev')).toThrow(
      expect.objectContaining({
        findings: [
          expect.objectContaining({ code: 'render/unsafe-file-name', env: 'dev', message: "the name 'a/../../../escaped' cannot be part of a file name: it contains a path separator" }),
          expect.objectContaining({ code: 'render/unsafe-file-name', message: "the name 'b\\c' cannot be part of a file name: it contains a path separator" }),
        ],
      }),
    );
  });
});
