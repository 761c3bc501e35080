/**
 * The run-time prop checks of the builders cannot drift from their TypeScript types: the
 * TypeScript compiler API reads every builder exported from src/builders/index.ts and every
 * props type, and this test compares them with the `PropShape`s the builders check against.
 *
 *   - every shape lists exactly the properties of the type it names;
 *   - every prop whose type holds a builder-owned object type (service ports, a shorthand) has a
 *     nested shape for it, and no other prop has one;
 *   - every prop that takes Kubernetes objects (`for`, `serviceName`, `role`) has a relation
 *     with exactly those kinds, and says whether names or literals are allowed too;
 *   - every builder parameter of a builder-owned type rejects an unknown prop when called, and
 *     every parameter that takes Kubernetes objects rejects an object of another kind.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, test } from 'vitest';
import * as k from '../../src/builders/index.ts';
import type { NestedShape, PropShape } from '../../src/builders/prop-check.ts';
import { thrown } from './deep-freeze.ts';

const builders = path.resolve(import.meta.dirname, '../../src/builders');
const inBuilders = (file: string) => path.resolve(file).startsWith(builders + path.sep);
const bogus = { zzUnknown: 1 };
const any = <T>(value: unknown): T => value as T;
const settings = k.configMap({ name: 'settings', data: { A: '1' } });
const wrongKind = k.namespace({ name: 'not-this' });

/** A call of each builder with `props` at one parameter of a builder-owned type, by `fn#param:Type`. */
const propCalls: Record<string, (props: object) => unknown> = {};
const addProps = (key: string, call: (props: object) => unknown) => (propCalls[key] = call);
// prettier-ignore
for (const fn of [
  'configMap', 'dockerConfigSecret', 'namespace', 'secret', 'tlsSecret', 'container', 'emptyDir', 'hostPath', 'daemonSet', 'deployment', 'pod',
  'replicaSet', 'statefulSet', 'networkPolicy', 'service', 'claimTemplate', 'persistentVolume', 'persistentVolumeClaim', 'cronJob', 'job', 'ingress',
  'clusterRole', 'clusterRoleBinding', 'role', 'roleBinding', 'serviceAccount', 'horizontalPodAutoscaler', 'podDisruptionBudget',
] as const) {
  const type = `${fn[0]!.toUpperCase()}${fn.slice(1)}Props`;
  addProps(`${fn}#0:${type}`, (p) => (k[fn] as (props: unknown) => unknown)(p));
}
addProps('envVar#1:ConfigMapKey', (p) => k.envVar('A', any({ configMap: settings, key: 'A', ...p })));
addProps('envVar#1:SecretKey', (p) => k.envVar('A', any({ secret: k.secret({ name: 's', stringData: { A: 'x' } }), key: 'A', ...p })));
addProps('resourceRequirements#0:ResourceShorthand', (p) => k.resourceRequirements(any({ cpu: '1', ...p })));
addProps('httpGet#2:ProbeTiming', (p) => k.httpGet('/', 80, any(p)));
addProps('httpGet#1:ProbeTiming', (p) => k.httpGet({ path: '/', port: 80 }, any(p)));
addProps('tcpSocket#1:ProbeTiming', (p) => k.tcpSocket(80, any(p)));
addProps('exec#1:ProbeTiming', (p) => k.exec(['true'], any(p)));
addProps('grpc#1:GrpcProbeTiming', (p) => k.grpc(80, any(p)));
addProps('fromConfigMap#2:KeyRefOptions', (p) => k.fromConfigMap(settings, 'A', any(p)));
addProps('fromSecret#2:KeyRefOptions', (p) => k.fromSecret(k.secret({ name: 's', stringData: { A: 'x' } }), 'A', any(p)));
addProps('mount#1:MountOptions', (p) => k.mount(settings, any({ mountPath: '/x', ...p })));

/** A call of each builder with `object` at a parameter that takes Kubernetes objects, by `fn#param`. */
const relationCalls: Record<string, (object: object) => unknown> = {
  'envFrom#0': (o) => k.envFrom(any(o)),
  'envFromSource#0': (o) => k.envFromSource(any(o)),
  'fromConfigMap#0': (o) => k.fromConfigMap(any(o), 'A'),
  'fromSecret#0': (o) => k.fromSecret(any(o), 'A'),
  'mount#0': (o) => k.mount(any(o), { mountPath: '/x' }),
};

/** Exports that read objects and build nothing: they take any workload as it is. */
const readers = new Set(['containerPortsOf', 'podSelectorOf', 'podSpecOf', 'volumeOfMount']);

let checker: ts.TypeChecker;
let declared: Map<string, ts.Type>;
/** `fn#param:Type` for every builder parameter of a builder-owned type; `fn#param` for relation parameters. */
const ownedParams: string[] = [];
const relationParams: string[] = [];

function ownedObject(type: ts.Type): string | undefined {
  if (!(type.flags & ts.TypeFlags.Object) || checker.isArrayType(type) || checker.getPropertiesOfType(type).length === 0) return undefined;
  const symbol = type.aliasSymbol ?? type.getSymbol();
  const decl = symbol?.declarations?.[0];
  return decl && inBuilders(decl.getSourceFile().fileName) && !ts.isTypeLiteralNode(decl) ? symbol!.getName() : undefined;
}

function kubernetesKind(type: ts.Type): string | undefined {
  const symbol = type.getSymbol();
  const file = symbol?.declarations?.[0]?.getSourceFile().fileName ?? '';
  if (!file.includes('/src/k8s/api/')) return undefined;
  const names = new Set(checker.getPropertiesOfType(type).map((p) => p.getName()));
  return names.has('apiVersion') && names.has('kind') && names.has('metadata') ? symbol!.getName() : undefined;
}

/** The members of a prop's type, through optional, lists, unions and free maps. */
function members(type: ts.Type): { types: ts.Type[]; list: boolean } {
  const out: ts.Type[] = [];
  let list = false;
  const visit = (t: ts.Type): void => {
    if (t.isUnion()) return t.types.forEach(visit);
    if (t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)) return;
    if (checker.isArrayType(t)) {
      list = true;
      return visit(checker.getTypeArguments(t as ts.TypeReference)[0]!);
    }
    const index = t.getStringIndexType();
    if (index && checker.getPropertiesOfType(t).length === 0) return visit(index);
    out.push(t);
  };
  visit(type);
  return { types: out, list };
}

function propsOf(type: ts.Type): Map<string, ts.Type> {
  return new Map(checker.getPropertiesOfType(type).map((p) => [p.getName(), checker.getTypeOfSymbol(p)]));
}

beforeAll(() => {
  const config = ts.getParsedCommandLineOfConfigFile(path.resolve(builders, '../../tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
  const program = ts.createProgram([path.join(builders, 'index.ts')], config.options);
  checker = program.getTypeChecker();
  declared = new Map();
  for (const file of program.getSourceFiles().filter((f) => inBuilders(f.fileName))) {
    for (const statement of file.statements) {
      if ((ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) && statement.name) declared.set(statement.name.text, checker.getTypeAtLocation(statement.name));
    }
  }
  const index = program.getSourceFile(path.join(builders, 'index.ts'))!;
  for (const exported of checker.getExportsOfModule(checker.getSymbolAtLocation(index)!)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    if (!(symbol.flags & ts.SymbolFlags.Function) || readers.has(symbol.getName())) continue;
    const fn = symbol.getName();
    for (const signature of checker.getTypeOfSymbol(symbol).getCallSignatures()) {
      signature.getParameters().forEach((param, i) => {
        const { types } = members(checker.getTypeOfSymbol(param));
        for (const t of types) {
          const owned = ownedObject(t);
          if (owned) ownedParams.push(`${fn}#${i}:${owned}`);
        }
        if (types.some((t) => kubernetesKind(t))) relationParams.push(`${fn}#${i}`);
      });
    }
  }
});

/** Every shape a builder module exports, and every shape nested in one, by type name. */
async function allShapes(): Promise<Map<string, PropShape>> {
  const shapes = new Map<string, PropShape>();
  const add = (shape: PropShape): void => {
    if (shapes.has(shape.type)) return;
    shapes.set(shape.type, shape);
    for (const nested of Object.values(shape.nested).flat() as NestedShape[]) add(nested.shape);
  };
  for (const file of readdirSync(builders).filter((f) => f.endsWith('.ts'))) {
    const mod = (await import(path.join(builders, file))) as Record<string, unknown>;
    for (const value of Object.values(mod)) {
      const v = value as Partial<PropShape>;
      if (v && typeof v === 'object' && typeof v.type === 'string' && Array.isArray(v.names)) add(v as PropShape);
    }
  }
  return shapes;
}

const sorted = (list: Iterable<string>) => [...list].sort();

describe('builder prop shapes against the TypeScript types', () => {
  test('every builder parameter of a builder-owned type has a call here, and only those', () => {
    expect(sorted(new Set(ownedParams))).toEqual(sorted(Object.keys(propCalls)));
    expect(sorted(new Set(relationParams))).toEqual(sorted(Object.keys(relationCalls)));
  });

  test.each(Object.entries(propCalls))('%s rejects an unknown prop', (_key, call) => {
    const error = thrown(() => call(bogus));
    expect(error.code).toBe('builder/unknown-prop');
    expect(error.findings.map((f) => f.path?.[f.path.length - 1])).toEqual(['zzUnknown']);
  });

  test.each(Object.entries(relationCalls))('%s rejects an object of another kind', (_key, call) => {
    const error = thrown(() => call(wrongKind));
    expect(error.code).toBe('builder/invalid-relation');
  });

  test('every shape lists exactly the props of its type, with nested shapes and relations where the type has them', async () => {
    const shapes = await allShapes();
    // Each builder-owned type a builder parameter takes has a shape.
    expect(sorted(new Set(ownedParams.map((p) => p.split(':')[1]!))).filter((t) => !shapes.has(t))).toEqual([]);
    for (const shape of shapes.values()) {
      const type = declared.get(shape.type);
      expect(type, `no type ${shape.type} in src/builders`).toBeDefined();
      const props = propsOf(type!);
      expect(sorted(shape.names), shape.type).toEqual(sorted(props.keys()));
      for (const [name, propType] of props) {
        const { types, list } = members(propType);
        const owned = sorted(new Set(types.flatMap((t) => ownedObject(t) ?? [])));
        expect(sorted((shape.nested[name] ?? []).map((n) => n.shape.type)), `${shape.type}.${name} nested`).toEqual(owned);
        const kinds = types.flatMap((t) => kubernetesKind(t) ?? []);
        const relation = shape.relations[name];
        if (kinds.length === 0) {
          expect(relation, `${shape.type}.${name} takes no objects`).toBeUndefined();
          continue;
        }
        const literals = types.some((t) => !kubernetesKind(t));
        expect({ kinds: sorted(relation?.kinds ?? []), literals: relation?.literals, list: !!relation?.list }, `${shape.type}.${name} relation`).toEqual({ kinds: sorted(kinds), literals, list });
      }
    }
  });
});
