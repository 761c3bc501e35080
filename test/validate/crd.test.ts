import { describe, expect, test } from 'vitest';
import { formatObjectRef } from '../../src/errors.ts';
import type { Finding } from '../../src/errors.ts';
import { collectCrds } from '../../src/validate/crd.ts';
import { validateSchema } from '../../src/validate/schema.ts';
import { clone, resources, widget, widgetCrd } from '../fixtures/validate/objects.ts';

function brief(f: Finding) {
  return { severity: f.severity, code: f.code, object: f.object ? formatObjectRef(f.object) : undefined, path: f.path, message: f.message };
}

/** Validates widget objects with the Widget CRD among them; returns the findings about widgets. */
function check(...widgets: object[]) {
  return validateSchema(resources(widgetCrd(), ...widgets))
    .filter((f) => f.object?.kind === 'Widget')
    .map(brief);
}

function withSpec(spec: Record<string, unknown>) {
  const w = clone(widget()) as any;
  Object.assign(w.spec, spec);
  return w;
}

describe('collectCrds', () => {
  test('registers the kind and its served versions when given a CRD', () => {
    const registry = collectCrds([widgetCrd()]);
    const entry = registry.get('example.com/Widget');
    expect(entry?.crdName).toBe('widgets.example.com');
    expect([...(entry?.versions ?? [])].map(([name, v]) => [name, v.served])).toEqual([
      ['v1alpha1', false],
      ['v1', true],
    ]);
  });
});

describe('validateSchema on custom resources', () => {
  test('reports nothing when the CRD and the custom resource are valid', () => {
    expect(validateSchema(resources(widgetCrd(), widget()))).toEqual([]);
  });

  test('reports a missing required field when spec.size is absent', () => {
    const w = clone(widget()) as any;
    delete w.spec.size;
    expect(check(w)).toEqual([{ severity: 'error', code: 'schema/missing-field', object: 'Widget/w1', path: ['spec', 'size'], message: "missing required field 'size'" }]);
  });

  test('reports a wrong type when an integer field holds a string', () => {
    expect(check(withSpec({ size: '3' }))).toEqual([{ severity: 'error', code: 'schema/invalid-type', object: 'Widget/w1', path: ['spec', 'size'], message: 'expected integer, found string "3"' }]);
  });

  test('reports a wrong type when an integer field holds a fraction', () => {
    expect(check(withSpec({ size: 2.5 }))).toEqual([{ severity: 'error', code: 'schema/invalid-type', object: 'Widget/w1', path: ['spec', 'size'], message: 'expected integer, found number 2.5' }]);
  });

  test('reports an invalid enum value with the allowed values', () => {
    const w = withSpec({ color: 'green' });
    const findings = validateSchema(resources(widgetCrd(), w)).filter((f) => f.object?.kind === 'Widget');
    expect(findings.map(brief)).toEqual([{ severity: 'error', code: 'schema/invalid-enum', object: 'Widget/w1', path: ['spec', 'color'], message: 'expected one of "red", "blue", found "green"' }]);
    expect(findings[0]?.hint).toBe('use one of "red", "blue"');
  });

  test('accepts an integer or a string when the field is x-kubernetes-int-or-string', () => {
    expect(check(withSpec({ port: 80 }), { ...withSpec({ port: 'http' }), metadata: { name: 'w2' } })).toEqual([]);
  });

  test('reports a fraction when the field is x-kubernetes-int-or-string', () => {
    expect(check(withSpec({ port: 1.5 }))).toEqual([
      { severity: 'error', code: 'schema/invalid-type', object: 'Widget/w1', path: ['spec', 'port'], message: 'expected integer or string, found number 1.5' },
    ]);
  });

  test('checks additionalProperties values when the field is a map', () => {
    expect(check(withSpec({ labels: { a: 'x', b: 2 } }))).toEqual([
      { severity: 'error', code: 'schema/invalid-type', object: 'Widget/w1', path: ['spec', 'labels', 'b'], message: 'expected string, found number 2' },
    ]);
  });

  test('reports an unknown field with a suggestion when a property is misspelled', () => {
    expect(check(withSpec({ colour: 'red' }))).toEqual([
      { severity: 'error', code: 'schema/unknown-field', object: 'Widget/w1', path: ['spec', 'colour'], message: "unknown field 'colour' (did you mean 'color'?)" },
    ]);
  });

  test('keeps unknown fields when the object has x-kubernetes-preserve-unknown-fields', () => {
    expect(check(withSpec({ extra: { anything: { deep: [1, 2] } } }))).toEqual([]);
  });

  test('still checks named properties below x-kubernetes-preserve-unknown-fields', () => {
    expect(check(withSpec({ nested: { free: true, limit: 'many' } }))).toEqual([
      { severity: 'error', code: 'schema/invalid-type', object: 'Widget/w1', path: ['spec', 'nested', 'limit'], message: 'expected integer, found string "many"' },
    ]);
  });

  test('reports unknown fields inside array items', () => {
    expect(check(withSpec({ items: [{ name: 'a' }, { nam: 'b' }] }))).toEqual([
      { severity: 'error', code: 'schema/unknown-field', object: 'Widget/w1', path: ['spec', 'items', 1, 'nam'], message: "unknown field 'nam' (did you mean 'name'?)" },
    ]);
  });

  test('reports an unknown top-level field when the root schema does not name it', () => {
    const w = { ...widget(), status: { ready: true } };
    expect(check(w)).toEqual([{ severity: 'error', code: 'schema/unknown-field', object: 'Widget/w1', path: ['status'], message: "unknown field 'status'" }]);
  });

  test('reports an unknown api version when the version is not served', () => {
    const w = { ...widget(), apiVersion: 'example.com/v1alpha1' };
    expect(check(w)).toEqual([
      {
        severity: 'error',
        code: 'schema/unknown-api-version',
        object: 'Widget/w1',
        path: ['apiVersion'],
        message: "expected apiVersion 'example.com/v1' for Widget (CRD 'widgets.example.com'), found \"example.com/v1alpha1\"",
      },
    ]);
  });

  test('validates against a CRD passed in the crds option', () => {
    const findings = validateSchema(resources(withSpec({ size: 'big' })), { crds: [widgetCrd()] });
    expect(findings.map(brief)).toEqual([{ severity: 'error', code: 'schema/invalid-type', object: 'Widget/w1', path: ['spec', 'size'], message: 'expected integer, found string "big"' }]);
  });

  test('checks the metadata of a custom resource like any object', () => {
    const w = clone(widget()) as any;
    w.metadata.labels = { 'bad key': 'x' };
    w.metadata.name = 'W1';
    expect(check(w).map((f) => [f.code, f.path])).toEqual([
      ['schema/invalid-name', ['metadata', 'name']],
      ['schema/invalid-label', ['metadata', 'labels', 'bad key']],
    ]);
  });

  test('checks the CRD itself against the built-in schema', () => {
    const crd = clone(widgetCrd()) as any;
    crd.spec.versions[1].servd = true;
    const findings = validateSchema(resources(crd)).map(brief);
    expect(findings).toEqual([
      {
        severity: 'error',
        code: 'schema/unknown-field',
        object: 'CustomResourceDefinition/widgets.example.com',
        path: ['spec', 'versions', 1, 'servd'],
        message: "unknown field 'servd' (did you mean 'served'?)",
      },
    ]);
  });
});
