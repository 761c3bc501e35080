/**
 * Findings for the Kustomize features kasane cannot express yet: each names the file and the
 * field, says why, and how to move on.
 */
import { formatPath, type FieldPath, type Finding } from '../errors.ts';

/** Why a field is not imported, and what to do instead. */
const REASONS: Record<string, { why: string; hint: string }> = {
  resources: { why: 'remote bases (URLs, git repositories) are not fetched', hint: 'vendor the remote base into the tree and point resources at the local copy' },
  components: { why: 'remote components (URLs, git repositories) are not fetched', hint: 'vendor the remote component into the tree and point components at the local copy' },
  kind: { why: 'only kinds Kustomization and Component are imported', hint: 'fix the kind of the kustomization file' },
  openapi: {
    why: 'only a local schema file (openapi: {path}) is imported, not a URL or a built-in version',
    hint: 'save the schema into the tree (`kustomize openapi fetch`) and point openapi.path at it',
  },
  helmCharts: { why: 'Helm chart inflation is not supported', hint: 'run `helm template` and import the YAML it prints' },
  helmGlobals: { why: 'Helm chart inflation is not supported', hint: 'run `helm template` and import the YAML it prints' },
  helmChartInflationGenerator: { why: 'Helm chart inflation is not supported', hint: 'run `helm template` and import the YAML it prints' },
  validators: { why: 'validator plugins are not supported', hint: 'use kasane policies (kasane.config.ts) instead' },
  order: {
    why: "the fifo order is imported only where every kustomization lists its transforming bases after its own files and includes no Component: kasane gathers a base's objects after those of the kustomization that lists it",
    hint: 'list the bases last in resources, remove sortOptions (the legacy order), or list the objects in one kustomization',
  },
  inventory: { why: 'inventory objects are not supported', hint: 'remove inventory' },
};

/**
 * The finding for an unsupported field at `path` of kustomization `file`.
 * @example unsupportedField('overlays/prod/kustomization.yaml', ['helmCharts'])
 */
export function unsupportedField(file: string, path: FieldPath, value?: string): Finding {
  const field = [...path].reverse().find((p): p is string => typeof p === 'string') ?? '';
  const reason = REASONS[field];
  const shown = `'${formatPath(path)}'${value !== undefined ? ` (${JSON.stringify(value)})` : ''}`;
  if (!reason) {
    return {
      severity: 'error',
      code: 'import/unknown-field',
      message: `expected a Kustomize field kasane imports, found ${shown}`,
      hint: 'remove the field or fix its spelling; see `kasane import --help` for the fields kasane imports',
      source: { file },
      path,
    };
  }
  return { severity: 'error', code: 'import/unsupported-field', message: `cannot import ${shown}: ${reason.why}`, hint: reason.hint, source: { file }, path };
}
