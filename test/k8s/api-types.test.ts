/**
 * The generated TypeScript types of src/k8s/api/ against the schema data of the same minor:
 * both come from one OpenAPI document by separate code (scripts/k8s-typescript.mjs and
 * scripts/k8s-openapi.mjs), so every type of the graph must have an interface with exactly
 * its properties, required where the graph requires them, and every kind its literal
 * apiVersion and kind. TSDoc markers are checked on fields read in the document by hand.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_KUBERNETES_VERSION, propsOf, typeGraphOf } from '../../src/k8s/schema/graph.ts';

const apiDir = path.resolve(import.meta.dirname, '../../src/k8s/api');
const graph = typeGraphOf(DEFAULT_KUBERNETES_VERSION)!;
let checker: ts.TypeChecker;
/** `core/v1` → the module's exported symbols by name. */
const modules = new Map<string, Map<string, ts.Symbol>>();

beforeAll(() => {
  const files = readdirSync(apiDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  const program = ts.createProgram(
    files.map((f) => path.join(apiDir, f)),
    { strict: true, noEmit: true, allowImportingTsExtensions: true, module: ts.ModuleKind.Preserve, moduleResolution: ts.ModuleResolutionKind.Bundler, types: [] },
  );
  expect(ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  checker = program.getTypeChecker();
  for (const f of files) {
    const source = program.getSourceFile(path.join(apiDir, f))!;
    const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(source)!);
    modules.set(f.replace(/\.ts$/, '').split(path.sep).join('/'), new Map(exported.map((s) => [s.name, s])));
  }
}, 60_000);

/** The exported declaration of a type id such as `core/v1.Container`. */
function symbolOf(id: string): ts.Symbol | undefined {
  const dot = id.lastIndexOf('.');
  return modules.get(id.slice(0, dot))?.get(id.slice(dot + 1));
}

function member(id: string, name: string): ts.Symbol {
  const symbol = checker.getPropertyOfType(checker.getDeclaredTypeOfSymbol(symbolOf(id)!), name);
  expect(symbol, `${id}.${name}`).toBeDefined();
  return symbol!;
}

const deprecation = (symbol: ts.Symbol) => symbol.getJsDocTags().find((t) => t.name === 'deprecated');
const isReadonly = (symbol: ts.Symbol) => ts.getCombinedModifierFlags(symbol.declarations![0]!) & ts.ModifierFlags.Readonly;

describe('generated Kubernetes types', () => {
  test('lay out modules as kubernetes-types does: group/version, meta/v1, api/resource, runtime, version', () => {
    for (const mod of ['core/v1', 'apps/v1', 'batch/v1', 'networking/v1', 'meta/v1', 'apiextensions/v1', 'api/resource', 'runtime', 'version']) expect(modules.has(mod), mod).toBe(true);
    expect(modules.get('api/resource')!.has('Quantity')).toBe(true);
    expect(modules.get('runtime')!.has('RawExtension')).toBe(true);
    expect(modules.get('meta/v1')!.has('ObjectMeta')).toBe(true);
  });

  test('have an interface for every type of the schema graph, with its properties and the required ones', () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const id of Object.keys(graph.types)) {
      const symbol = symbolOf(id);
      if (!symbol) {
        mismatches.push(`${id}: no declaration`);
        continue;
      }
      const props = checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(symbol));
      const actual = props.map((p) => `${p.name}${p.flags & ts.SymbolFlags.Optional ? '' : '!'}`).sort();
      const expected = propsOf(graph, id)!
        .map((p) => `${p.name}${p.required ? '!' : ''}`)
        .sort();
      if (actual.join(' ') !== expected.join(' ')) mismatches.push(`${id}: ${actual.join(' ')} ≠ ${expected.join(' ')}`);
      checked++;
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(600);
  });

  test('give every kind its apiVersion and kind as literals', () => {
    const wrong: string[] = [];
    for (const [key, id] of Object.entries(graph.kinds)) {
      const [apiVersion, kind] = key.split(' ');
      const type = checker.getDeclaredTypeOfSymbol(symbolOf(id)!);
      const literal = (name: string) => checker.typeToString(checker.getNonNullableType(checker.getTypeOfSymbol(checker.getPropertyOfType(type, name)!)));
      if (literal('apiVersion') !== `"${apiVersion}"` || literal('kind') !== `"${kind}"`) wrong.push(`${key}: ${literal('apiVersion')} ${literal('kind')}`);
    }
    expect(wrong).toEqual([]);
  });

  test('write int-or-string inline, quantities and times as string aliases, opaque JSON as empty interfaces', () => {
    const typeText = (id: string, name: string) => checker.typeToString(checker.getNonNullableType(checker.getTypeOfSymbol(member(id, name))));
    expect(typeText('core/v1.ServicePort', 'targetPort')).toBe('string | number');
    expect(typeText('core/v1.ResourceRequirements', 'limits')).toBe('{ [key: string]: string; }');
    expect(checker.typeToString(checker.getDeclaredTypeOfSymbol(symbolOf('api/resource.Quantity')!))).toBe('string');
    expect(checker.typeToString(checker.getDeclaredTypeOfSymbol(symbolOf('meta/v1.Time')!))).toBe('string');
    expect(checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(symbolOf('runtime.RawExtension')!))).toEqual([]);
    expect(typeText('apiextensions/v1.JSONSchemaProps', 'additionalProperties')).toBe('JSONSchemaPropsOrBool');
    expect(checker.typeToString(checker.getDeclaredTypeOfSymbol(symbolOf('apiextensions/v1.JSONSchemaPropsOrBool')!), undefined, ts.TypeFormatFlags.InTypeAlias)).toBe('boolean | JSONSchemaProps');
  });

  test('mark deprecated fields and kinds @deprecated, with the reason', () => {
    // Descriptions read in the 1.36 document: "Deprecated: Use serviceAccountName instead." and
    // "Deprecated: GitRepo is deprecated. ..."; a pod's phase lists "Unknown" as a deprecated value
    // among its enum values, which does not deprecate the field.
    expect(deprecation(member('core/v1.PodSpec', 'serviceAccount'))?.text?.[0]?.text).toBe('Use serviceAccountName instead.');
    expect(deprecation(member('core/v1.Volume', 'gitRepo'))?.text?.[0]?.text).toMatch(/^GitRepo is deprecated\./);
    expect(deprecation(member('core/v1.PodStatus', 'phase'))).toBeUndefined();
    expect(deprecation(member('core/v1.PodSpec', 'serviceAccountName'))).toBeUndefined();
    // The API lifecycle: storage.k8s.io/v1beta1 VolumeAttributesClass, deprecated in 1.34, removed in 1.37.
    expect(deprecation(symbolOf('storage/v1beta1.VolumeAttributesClass')!)?.text?.[0]?.text).toBe(
      'storage.k8s.io/v1beta1 VolumeAttributesClass is deprecated since Kubernetes 1.34 and removed in 1.37: use storage.k8s.io/v1 VolumeAttributesClass',
    );
    expect(deprecation(symbolOf('storage/v1.VolumeAttributesClass')!)).toBeUndefined();
  });

  test('make the fields the API calls read-only readonly', () => {
    expect(isReadonly(member('core/v1.Pod', 'status'))).toBeTruthy();
    expect(isReadonly(member('meta/v1.ObjectMeta', 'uid'))).toBeTruthy();
    expect(isReadonly(member('core/v1.Pod', 'spec'))).toBeFalsy();
    expect(isReadonly(member('core/v1.VolumeMount', 'readOnly'))).toBeFalsy();
  });
});
