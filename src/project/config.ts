/**
 * The project's configuration as data (`kasane.config.ts`, optional), and how the loader fills
 * in its defaults. Written with `defineConfig` (define/config.ts).
 */
import type { Finding } from '../errors.ts';
import { isCapabilityApi } from '../k8s/crd-apis.ts';
import { unsupportedVersionFinding } from '../k8s/schema/load.ts';
import type { ChartSource } from './chart-source.ts';
import type { ExternalRef, PolicyOverride, PolicySeverity } from './policy.ts';

/** The props of `defineConfig`. Every field is optional. */
export interface ProjectConfig {
  /**
   * Output folder of `kasane render`, relative to the project root.
   * @default 'rendered'
   */
  out?: string;
  /**
   * Folder of environment files, relative to the project root.
   * @default 'environments'
   */
  environmentsDir?: string;
  /**
   * Kubernetes version whose schema and API lifecycle validate the output, e.g. '1.32' (`v1.32`
   * and `1.32.4` work too): a minor from 1.29 to 1.36. An environment's own
   * `kubernetesVersion` wins over it.
   * @default the newest minor kasane has schema data for (1.36)
   */
  kubernetesVersion?: string;
  /**
   * Policy severities by rule name, e.g. `{ 'image-tag': 'error', 'run-as-non-root': 'off' }`.
   * Rules: image-tag, resource-requests, resource-limits, liveness-probe, readiness-probe,
   * privileged, host-path, host-network, run-as-non-root, plaintext-secret.
   * @default each rule's own default (`privileged` is an error, the others warnings)
   */
  policies?: Record<string, PolicySeverity>;
  /**
   * Per-object policy severities; the last matching entry wins. An object's own annotation
   * `kasane.dev/policy.<rule>: off|warning|error` wins over these.
   * @default []
   */
  policyOverrides?: readonly PolicyOverride[];
  /**
   * Objects that exist in the cluster but are not rendered here (referenced but not built),
   * as `Kind/name` or `Kind/namespace/name`; reference checks accept them.
   * @default []
   */
  external?: readonly (string | ExternalRef)[];
  /**
   * CustomResourceDefinitions to validate custom resources against without rendering them,
   * e.g. `crds` from the index.ts that `kasane import-crd` writes.
   * @default []
   */
  crds?: readonly { apiVersion?: string; kind?: string; metadata?: { name?: string }; spec?: unknown }[];
  /**
   * Helm charts the project uses, pulled into vendor/charts/ by `kasane vendor` (checked there:
   * see ./chart-source.ts), e.g.
   * `{ name: 'podinfo', repository: 'https://stefanprodan.github.io/podinfo', version: '6.14.1' }`.
   * @default []
   */
  charts?: readonly ChartSource[];
  /**
   * APIs the clusters serve that the project does not render (installed by someone else), as
   * `group/version` and `group/version/Kind`: chart components pass them to helm for
   * `.Capabilities.APIVersions`, besides the CRDs the project renders and the component's own.
   * @default []
   */
  apiVersions?: readonly string[];
  /**
   * What `kasane render` does with a folder of the output folder that kasane rendered and that
   * no environment renders any more (an environment deleted, renamed, made abstract or dropped
   * from a fleet): `true` removes the files kasane wrote there (and the folder once empty), and
   * `render --check` counts them as drift; `false` leaves such folders alone silently. With
   * `--shard`, each shard handles the folders whose names fall to it. Set `false` when other
   * projects render into the same output folder.
   * @default unset: such folders are left alone with a `render/orphan-environment` warning
   */
  pruneEnvironments?: boolean;
}

/** A resolved configuration: defaults filled in. */
export interface ResolvedConfig extends Required<Pick<ProjectConfig, 'out' | 'environmentsDir'>>, Omit<ProjectConfig, 'out' | 'environmentsDir'> {
  /** The config file, when there is one. */
  file?: string;
}

const knownKeys = ['out', 'environmentsDir', 'kubernetesVersion', 'policies', 'policyOverrides', 'external', 'crds', 'charts', 'apiVersions', 'pruneEnvironments'];

/** Fills in defaults and checks the shape; problems are findings with code `config/...`. */
export function resolveConfig(config: unknown, file: string | undefined): { config: ResolvedConfig; findings: Finding[] } {
  const findings: Finding[] = [];
  const raw = (config ?? {}) as Record<string, unknown>;
  const at = file ? { source: { file } } : {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    findings.push({ severity: 'error', code: 'config/invalid', message: 'expected the config file to export an object', hint: 'export default defineConfig({ out: "rendered" })', ...at });
  }
  for (const key of Object.keys(raw)) {
    if (!knownKeys.includes(key)) {
      findings.push({ severity: 'error', code: 'config/unknown-key', message: `unknown config key '${key}'`, hint: `known keys: ${knownKeys.join(', ')}`, path: [key], ...at });
    }
  }
  for (const key of ['out', 'environmentsDir', 'kubernetesVersion'] as const) {
    if (raw[key] !== undefined && (typeof raw[key] !== 'string' || raw[key] === '')) {
      findings.push({ severity: 'error', code: 'config/invalid', message: `expected a non-empty string for '${key}', found ${JSON.stringify(raw[key])}`, path: [key], ...at });
    }
  }
  if (raw.pruneEnvironments !== undefined && typeof raw.pruneEnvironments !== 'boolean') {
    findings.push({
      severity: 'error',
      code: 'config/invalid',
      message: `expected true or false for 'pruneEnvironments', found ${JSON.stringify(raw.pruneEnvironments)}`,
      path: ['pruneEnvironments'],
      ...at,
    });
  }
  const badVersion = typeof raw.kubernetesVersion === 'string' && raw.kubernetesVersion !== '' ? unsupportedVersionFinding(raw.kubernetesVersion) : undefined;
  if (badVersion) findings.push({ ...badVersion, path: ['kubernetesVersion'], ...at });
  if (raw.crds !== undefined) {
    const list = Array.isArray(raw.crds) ? (raw.crds as unknown[]) : [raw.crds];
    list.forEach((crd, i) => {
      const c = crd as { apiVersion?: unknown; kind?: unknown } | null;
      if (!Array.isArray(raw.crds) || c?.kind !== 'CustomResourceDefinition' || c.apiVersion !== 'apiextensions.k8s.io/v1') {
        findings.push({
          severity: 'error',
          code: 'config/invalid',
          message: `expected an apiextensions.k8s.io/v1 CustomResourceDefinition at crds[${i}]`,
          hint: "import { crds } from './imports/index.ts' (written by kasane import-crd)",
          path: ['crds', i],
          ...at,
        });
      }
    });
  }
  if (raw.apiVersions !== undefined && (!Array.isArray(raw.apiVersions) || !raw.apiVersions.every(isCapabilityApi))) {
    findings.push({
      severity: 'error',
      code: 'config/invalid',
      message: `expected a list of 'group/version' or 'group/version/Kind' as 'apiVersions', found ${JSON.stringify(raw.apiVersions)}`,
      hint: "apiVersions: ['monitoring.coreos.com/v1', 'monitoring.coreos.com/v1/ServiceMonitor']",
      path: ['apiVersions'],
      ...at,
    });
  }
  const resolved: ResolvedConfig = {
    ...(raw as ProjectConfig),
    out: typeof raw.out === 'string' && raw.out ? raw.out : 'rendered',
    environmentsDir: typeof raw.environmentsDir === 'string' && raw.environmentsDir ? raw.environmentsDir : 'environments',
    ...(file ? { file } : {}),
  };
  return { config: resolved, findings };
}
