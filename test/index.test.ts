/**
 * The public API: every name each entry point exports, values and types apart. A change here is
 * an API change and shows up in review (update with `npx vitest run test/index.test.ts -u`).
 * The entry points are tsconfig.json's `paths`; package.json `exports` and the build script
 * must offer exactly those, plus the types-only `kasane/api/*` of the Kubernetes types.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, test } from 'vitest';
import { entryPoints, typeModules } from './helpers/entry-points.ts';

const repo = path.resolve(import.meta.dirname, '..');
const entries = entryPoints();
let checker: ts.TypeChecker;
let program: ts.Program;

beforeAll(() => {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(repo, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
  program = ts.createProgram(
    entries.map((e) => e.file),
    config.options,
  );
  checker = program.getTypeChecker();
}, 60_000);

/** The names `specifier` exports, sorted: values (anything usable at run time) and types only. */
function exportsOf(specifier: string): { values: string[]; types: string[] } {
  const file = entries.find((e) => e.specifier === specifier)!.file;
  const module = checker.getSymbolAtLocation(program.getSourceFile(file)!)!;
  const values: string[] = [];
  const types: string[] = [];
  for (const symbol of checker.getExportsOfModule(module)) {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    (target.flags & ts.SymbolFlags.Value ? values : types).push(symbol.name);
  }
  const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return { values: values.sort(byCodeUnit), types: types.sort(byCodeUnit) };
}

describe('entry points', () => {
  test('are kasane, kasane/pipeline and kasane/codegen', () => {
    expect(entries.map((e) => [e.specifier, path.relative(repo, e.file)])).toEqual([
      ['kasane', 'src/index.ts'],
      ['kasane/pipeline', 'src/entries/pipeline.ts'],
      ['kasane/codegen', 'src/entries/codegen.ts'],
    ]);
  });

  test('are what package.json exports and the build script builds, each with its declarations', () => {
    const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
    const build = readFileSync(path.join(repo, 'scripts', 'build.mjs'), 'utf8');
    const built = new Map([...build.matchAll(/'?([\w-]+)'?: '(src\/[^']+\.ts)'/g)].map((m) => [m[2]!, m[1]!]));
    for (const { specifier, file } of entries) {
      const subpath = specifier === 'kasane' ? '.' : `./${specifier.slice('kasane/'.length)}`;
      const source = path.relative(repo, file);
      expect(built.has(source), `scripts/build.mjs builds ${source}`).toBe(true);
      expect(pkg.exports[subpath]).toEqual({ types: `./dist/${path.relative('src', source).replace(/\.ts$/, '.d.ts')}`, import: `./dist/${built.get(source)}.js` });
    }
    // kasane/api/<group>/<version>: declarations only, and an empty module for imports kept at run time.
    const types = typeModules();
    expect([types.specifier, path.relative(repo, types.file)]).toEqual(['kasane/api/*', 'src/k8s/api/*.ts']);
    expect(built.get('src/entries/api.ts')).toBe('api');
    expect(pkg.exports['./api/*']).toEqual({ types: './dist/k8s/api/*.d.ts', import: './dist/api.js' });
    expect(Object.keys(pkg.exports).filter((k) => k !== './package.json')).toHaveLength(entries.length + 1);
  });

  test('export disjoint names, so each name has one way in', () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const { specifier } of entries) {
      const { values, types } = exportsOf(specifier);
      for (const name of [...values, ...types]) {
        if (seen.has(name)) twice.push(`${name}: ${seen.get(name)} and ${specifier}`);
        seen.set(name, specifier);
      }
    }
    expect(twice).toEqual([]);
  });
});

describe('kasane', () => {
  test('exports what components, environments and the config file are written with', () => {
    expect(exportsOf('kasane')).toMatchInlineSnapshot(`
      {
        "types": [
          "AnyObject",
          "BuildContext",
          "BuildOutput",
          "ChartTypesInfo",
          "ClaimTemplateProps",
          "ClusterRoleBindingProps",
          "ClusterRoleProps",
          "Component",
          "ComponentFile",
          "ComponentFilePaths",
          "ComponentProps",
          "ComponentUse",
          "ConfigMapProps",
          "ContainerProps",
          "ContainerShorthand",
          "CronJobProps",
          "CustomObject",
          "DaemonSetProps",
          "DeepPartial",
          "DeploymentProps",
          "DockerConfigSecretProps",
          "EmptyDirProps",
          "EnvSource",
          "EnvValue",
          "Environment",
          "EnvironmentProps",
          "ExternalRef",
          "ExternalSecret",
          "ExternalSecretData",
          "ExternalSecretDataFrom",
          "ExternalSecretProps",
          "ExternalSecretRemoteRef",
          "ExternalSecretTarget",
          "Fleet",
          "FleetProps",
          "FromFileOptions",
          "GeneratorProps",
          "GeneratorSpec",
          "Group",
          "GroupMember",
          "GroupProps",
          "GroupUse",
          "GroupValues",
          "GrpcProbeTiming",
          "HelmChartProps",
          "HookPolicy",
          "HorizontalPodAutoscalerProps",
          "HostPathProps",
          "ImageOverride",
          "IngressBackendProps",
          "IngressProps",
          "IngressRouteProps",
          "IngressTlsProps",
          "JobProps",
          "JobSpecProps",
          "JsonPatchOp",
          "KObject",
          "KeyRefOptions",
          "KindMap",
          "KnownKind",
          "LabelsEntry",
          "LevelOverlay",
          "MetaProps",
          "Mixin",
          "MixinProps",
          "MountOptions",
          "NamespaceProps",
          "NetworkPolicyProps",
          "ObjectOfKind",
          "ObjectShape",
          "OverlayOptions",
          "Patch",
          "PatchOptions",
          "PatchTarget",
          "PersistentVolumeClaimProps",
          "PersistentVolumeProps",
          "PodDisruptionBudgetProps",
          "PodProps",
          "PodTemplateProps",
          "PolicyOverride",
          "PolicyRule",
          "PolicySeverity",
          "ProbeTiming",
          "ProjectConfig",
          "ReplicaOverride",
          "ReplicaSetProps",
          "ResourceShorthand",
          "RoleBindingProps",
          "RoleProps",
          "RollingUpdateShorthand",
          "SealedSecret",
          "SealedSecretProps",
          "SealingScope",
          "SecretProps",
          "SecretRef",
          "SecretStoreRef",
          "ServiceAccountProps",
          "ServicePortProps",
          "ServiceProps",
          "StatefulSetProps",
          "StrategicMergeBody",
          "StringMap",
          "TlsSecretProps",
          "Transform",
          "TransformContext",
          "VolumeSource",
          "Workload",
          "WorkloadProps",
        ],
        "values": [
          "KasaneError",
          "NAME_LABEL",
          "claimTemplate",
          "clusterRole",
          "clusterRoleBinding",
          "configMap",
          "configMapGenerator",
          "container",
          "containerPortsOf",
          "cronJob",
          "daemonSet",
          "defineComponent",
          "defineConfig",
          "defineEnvironment",
          "defineFleet",
          "defineGroup",
          "defineMixin",
          "deployment",
          "dockerConfigSecret",
          "emptyDir",
          "envFrom",
          "envFromSource",
          "envVar",
          "exec",
          "externalSecret",
          "fromConfigMap",
          "fromField",
          "fromSecret",
          "grpc",
          "helmChart",
          "horizontalPodAutoscaler",
          "hostPath",
          "httpGet",
          "ingress",
          "isKasaneError",
          "job",
          "jsonPatch",
          "mount",
          "namespace",
          "networkPolicy",
          "patch",
          "persistentVolume",
          "persistentVolumeClaim",
          "pod",
          "podDisruptionBudget",
          "podSelectorOf",
          "podSpecOf",
          "replicaSet",
          "resource",
          "resourceRequirements",
          "role",
          "roleBinding",
          "sealedSecret",
          "secret",
          "secretGenerator",
          "secretValue",
          "service",
          "serviceAccount",
          "statefulSet",
          "strategicMerge",
          "tcpSocket",
          "tlsSecret",
          "volumeOfMount",
          "z",
        ],
      }
    `);
  });
});

describe('kasane/pipeline', () => {
  test('exports loading, rendering, explaining, validating and the steps behind them', () => {
    expect(exportsOf('kasane/pipeline')).toMatchInlineSnapshot(`
      {
        "types": [
          "ChartRenders",
          "ChartRequest",
          "ChartRequestOptions",
          "ExplainOptions",
          "ExplainStep",
          "Explanation",
          "FieldHistory",
          "FieldPath",
          "Finding",
          "Gvk",
          "LoadOptions",
          "LoadedProject",
          "MissingSecretSource",
          "ObjectMemo",
          "ObjectRef",
          "PolicyOptions",
          "ProjectData",
          "ProvenanceStep",
          "ReferenceOptions",
          "RenderOptions",
          "RenderResult",
          "RenderedChart",
          "RenderedEnvironment",
          "Resource",
          "SchemaOptions",
          "SealOptions",
          "SealSettings",
          "SecretNeeds",
          "SecretPlaceholder",
          "SecretSources",
          "Severity",
          "SourceLocation",
          "Trace",
          "TraceStep",
          "ValidateOptions",
          "VendoredChartInfo",
        ],
        "values": [
          "CHANGED",
          "DEFAULT_POLICY_SEVERITY",
          "POLICY_ANNOTATION_PREFIX",
          "POLICY_RULES",
          "REDACTED",
          "chartRequests",
          "emitDocument",
          "emitDocuments",
          "emitEnvironment",
          "explain",
          "formatPath",
          "listSecretRefs",
          "loadProject",
          "orderResources",
          "redactForDiff",
          "redactObject",
          "redactSecrets",
          "redactYaml",
          "render",
          "renderableEnvironments",
          "resolveSecretRefs",
          "scrubSecretValues",
          "sealSecrets",
          "sortFindings",
          "validate",
          "validatePolicies",
          "validateReferences",
          "validateSchema",
        ],
      }
    `);
  });
});

describe('kasane/codegen', () => {
  test('exports code generation from CRDs', () => {
    expect(exportsOf('kasane/codegen')).toMatchInlineSnapshot(`
      {
        "types": [
          "CrdInput",
          "GenerateOptions",
          "GeneratedFile",
          "GeneratedImports",
        ],
        "values": [
          "generateImports",
          "readCrd",
        ],
      }
    `);
  });
});

describe('kasane/api', () => {
  /** The modules of `kasane/api/*` (src/k8s/api/), sorted. */
  const apiModules = () =>
    readdirSync(path.join(repo, 'src/k8s/api'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.replace(/\.ts$/, '').split(path.sep).join('/'))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

  test('has one module per API group/version of the newest minor', () => {
    expect(apiModules()).toMatchInlineSnapshot(`
      [
        "admissionregistration/v1",
        "admissionregistration/v1alpha1",
        "admissionregistration/v1beta1",
        "api/resource",
        "apiextensions/v1",
        "apiregistration/v1",
        "apiserverinternal/v1alpha1",
        "apps/v1",
        "authentication/v1",
        "authorization/v1",
        "autoscaling/v1",
        "autoscaling/v2",
        "batch/v1",
        "certificates/v1",
        "certificates/v1alpha1",
        "certificates/v1beta1",
        "coordination/v1",
        "coordination/v1alpha2",
        "coordination/v1beta1",
        "core/v1",
        "discovery/v1",
        "events/v1",
        "flowcontrol/v1",
        "meta/v1",
        "networking/v1",
        "networking/v1beta1",
        "node/v1",
        "policy/v1",
        "rbac/v1",
        "resource/v1",
        "resource/v1alpha3",
        "resource/v1beta1",
        "resource/v1beta2",
        "runtime",
        "scheduling/v1",
        "scheduling/v1alpha2",
        "storage/v1",
        "storage/v1beta1",
        "storagemigration/v1beta1",
        "version",
      ]
    `);
  });

  test('holds types only, so importing it costs nothing at run time', () => {
    const typesOnly = (s: ts.Statement) => ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s) || (ts.isImportDeclaration(s) && !!s.importClause?.isTypeOnly);
    const values = apiModules().flatMap((mod) => {
      const file = path.join(repo, 'src/k8s/api', `${mod}.ts`);
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022);
      return source.statements.filter((s) => !typesOnly(s)).map((s) => `${mod}: ${s.getText(source).slice(0, 60)}`);
    });
    expect(values).toEqual([]);
  });
});
