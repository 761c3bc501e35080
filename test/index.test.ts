/**
 * The public API: every name each entry point exports, values and types apart. A change here is
 * an API change and shows up in review (update with `npx vitest run test/index.test.ts -u`).
 * The entry points are tsconfig.json's `paths`; package.json `exports` and the build script
 * must offer exactly those.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, test } from 'vitest';
import { entryPoints } from './helpers/entry-points.ts';

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
    expect(Object.keys(pkg.exports).filter((k) => k !== './package.json')).toHaveLength(entries.length);
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
          "ClaimTemplateProps",
          "ClusterRoleBindingProps",
          "ClusterRoleProps",
          "Component",
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
          "FromFileOptions",
          "GeneratorProps",
          "GeneratorSpec",
          "Group",
          "GroupMember",
          "GroupProps",
          "GroupUse",
          "GroupValues",
          "GrpcProbeTiming",
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
          "ObjectRef",
          "PolicyOptions",
          "ProjectData",
          "ProvenanceStep",
          "ReferenceOptions",
          "RenderOptions",
          "RenderResult",
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
        ],
        "values": [
          "CHANGED",
          "DEFAULT_POLICY_SEVERITY",
          "POLICY_ANNOTATION_PREFIX",
          "POLICY_RULES",
          "REDACTED",
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
