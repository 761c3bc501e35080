import { describe, expect, test } from 'vitest';
import { formatPath, isKasaneError } from '../../../src/errors.ts';
import { generatedMarkOf, markGenerated } from '../../../src/k8s/generated-mark.ts';
import type { KObject } from '../../../src/k8s/object.ts';
import { isDeletePatch } from '../../../src/overlay/patch/directives.ts';
import { applyStrategicMerge, jsonMergePatch } from '../../../src/overlay/patch/strategic-merge.ts';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

const base = (): KObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: {
    template: {
      spec: {
        containers: [
          { name: 'app', image: 'app:1', env: [{ name: 'A', value: '1' }] },
          { name: 'side', image: 'side:1' },
        ],
      },
    },
  },
});

function errorOf(fn: () => unknown): { code: string; path: string; message: string; hint: string | undefined } {
  try {
    fn();
  } catch (e) {
    if (isKasaneError(e)) {
      const f = e.findings[0]!;
      return { code: f.code, path: formatPath(f.path ?? []), message: f.message, hint: f.hint };
    }
    throw e;
  }
  throw new Error('expected an error');
}

const containers = (o: KObject) => (o.spec as { template: { spec: { containers: { name: string }[] } } }).template.spec.containers;

describe('applyStrategicMerge', () => {
  test('leaves frozen inputs unchanged when it merges', () => {
    const target = deepFreeze(base());
    const patch = deepFreeze({ spec: { template: { spec: { containers: [{ name: 'app', image: 'app:2' }] } } } });
    const out = applyStrategicMerge(target, patch);
    expect(containers(out).map((c) => c.name)).toEqual(['app', 'side']);
    expect(containers(target)[0]).toMatchObject({ image: 'app:1' });
    expect(containers(out)[0]).not.toBe(containers(target)[0]);
    // Copy-on-write: what the patch does not touch is shared with the (unchanged) target.
    expect(containers(out)[1]).toBe(containers(target)[1]);
  });

  test('keeps the generated mark when the target is a generated object', () => {
    const cm = markGenerated({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } } as KObject, { hashSuffix: true });
    const out = applyStrategicMerge(cm, { data: { b: '2' } });
    expect(generatedMarkOf(out)).toEqual({ hashSuffix: true });
    expect(out.data).toEqual({ a: '1', b: '2' });
  });

  test('rejects a misspelt field with a suggestion when the kind is known', () => {
    expect(errorOf(() => applyStrategicMerge(base(), { spec: { replica: 3 } }))).toMatchInlineSnapshot(`
      {
        "code": "overlay/patch-unknown-field",
        "hint": "check the spelling; apps/v1.DeploymentSpec has 'minReadySeconds', 'paused', 'progressDeadlineSeconds', 'replicas', 'revisionHistoryLimit', 'selector', 'strategy', 'template'",
        "message": "expected a field of apps/v1.DeploymentSpec, received 'replica' (did you mean 'replicas'?)",
        "path": "spec.replica",
      }
    `);
  });

  test('rejects a list element without its merge key', () => {
    const err = errorOf(() => applyStrategicMerge(base(), { spec: { template: { spec: { containers: [{ $patch: 'delete' }] } } } }));
    expect(err.code).toBe('overlay/patch-missing-merge-key');
    expect(err.path).toBe('spec.template.spec.containers[0]');
    expect(err.hint).toBe("add 'name' to name the element to delete");
  });

  test('rejects $patch: delete inside a list without merge key', () => {
    const err = errorOf(() => applyStrategicMerge(base(), { spec: { template: { spec: { tolerations: [{ key: 'a', $patch: 'delete' }] } } } }));
    expect(err).toMatchObject({ code: 'overlay/patch-invalid-directive', path: 'spec.template.spec.tolerations[0].$patch' });
  });

  test('rejects a field outside $retainKeys when the patch sets it', () => {
    const err = errorOf(() => applyStrategicMerge(base(), { spec: { strategy: { $retainKeys: ['type'], type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } }));
    expect(err.code).toBe('overlay/patch-invalid-directive');
    expect(err.message).toBe("expected every field the patch sets to be listed in '$retainKeys', 'rollingUpdate' is not");
  });

  test('rejects an unknown directive key when the kind is known', () => {
    expect(errorOf(() => applyStrategicMerge(base(), { spec: { $replace: true } })).code).toBe('overlay/patch-invalid-directive');
  });

  test('merges a list element marked $patch: merge like an unmarked one', () => {
    const out = applyStrategicMerge(base(), { spec: { template: { spec: { containers: [{ name: 'side', $patch: 'merge', image: 'side:2' }] } } } });
    expect(containers(out)[0]).toEqual({ name: 'side', image: 'side:2' });
  });

  test('deletes matching new elements when the target has no such list', () => {
    const out = applyStrategicMerge(base(), {
      spec: {
        template: {
          spec: {
            initContainers: [
              { name: 'x', $patch: 'delete' },
              { name: 'y', image: 'y' },
            ],
          },
        },
      },
    });
    expect((out.spec as { template: { spec: { initContainers: unknown } } }).template.spec.initContainers).toEqual([{ name: 'y', image: 'y' }]);
  });

  test('refuses a top-level delete when asked to merge it', () => {
    const patch = { $patch: 'delete' };
    expect(isDeletePatch(patch)).toBe(true);
    expect(errorOf(() => applyStrategicMerge(base(), patch)).code).toBe('overlay/patch-invalid-directive');
  });

  test('replaces lists and merges maps when the kind is a custom resource', () => {
    const cr = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { list: [{ name: 'a', v: 1 }], m: { a: 1, b: 2 } } };
    const out = applyStrategicMerge(cr, { spec: { list: [{ name: 'b' }], m: { b: null, c: 3 }, typo: 1 } });
    expect(out.spec).toEqual({ list: [{ name: 'b' }], m: { a: 1, c: 3 }, typo: 1 });
  });
});

describe('jsonMergePatch', () => {
  test('replaces the target when the patch is not a map', () => {
    expect(jsonMergePatch({ a: 1 }, [1, 2])).toEqual([1, 2]);
    expect(jsonMergePatch({ a: { b: 1 } }, { a: { c: 2 } })).toEqual({ a: { b: 1, c: 2 } });
  });
});

// Expected values checked with `kubectl kustomize` (kustomize v5.5.0): the same base and patch
// as a kustomization with `patches: [{ path: patch.yaml }]`, compared as parsed objects.
describe('applyStrategicMerge on free-form fields of built-in kinds', () => {
  const crd = (): KObject => ({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com',
      names: { kind: 'Widget', plural: 'widgets' },
      scope: 'Namespaced',
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', default: { a: 1, b: 2 } } } } } }],
    },
  });

  test('accepts x-kubernetes fields and JSON defaults when a patch replaces CRD versions', () => {
    const patch = { spec: { versions: [{ name: 'v1', schema: { openAPIV3Schema: { properties: { spec: { 'x-kubernetes-preserve-unknown-fields': true, default: { a: 3 } } } } } }] } };
    const out = applyStrategicMerge(crd(), patch);
    expect((out.spec as { versions: unknown }).versions).toEqual([
      { name: 'v1', schema: { openAPIV3Schema: { properties: { spec: { default: { a: 3 }, 'x-kubernetes-preserve-unknown-fields': true } } } } },
    ]);
  });

  test('merges a map of string lists when a patch adds an extra key to a CertificateSigningRequest', () => {
    const csr: KObject = {
      apiVersion: 'certificates.k8s.io/v1',
      kind: 'CertificateSigningRequest',
      metadata: { name: 'alice' },
      spec: { request: 'AAAA', signerName: 'kubernetes.io/kube-apiserver-client', usages: ['client auth'], extra: { team: ['a'] } },
    };
    const out = applyStrategicMerge(csr, { spec: { extra: { scopes: ['read', 'write'] } } });
    expect(out.spec).toEqual({ request: 'AAAA', signerName: 'kubernetes.io/kube-apiserver-client', usages: ['client auth'], extra: { scopes: ['read', 'write'], team: ['a'] } });
  });

  test('sets a `__proto__` key of a free-form map as data, never the prototype', () => {
    const out = applyStrategicMerge(base(), JSON.parse('{"metadata":{"labels":{"__proto__":"x"}}}'));
    const labels = out.metadata.labels as Record<string, unknown>;
    expect(Object.getPrototypeOf(labels)).toBe(Object.prototype);
    expect(Object.hasOwn(labels, '__proto__')).toBe(true);
    expect(labels['__proto__']).toBe('x');
  });
});
