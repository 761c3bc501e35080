/**
 * Reading one CustomResourceDefinition document into what `kasane import-crd` and
 * `kasane validate --crds` need: group, kind, served versions with their `openAPIV3Schema`, and
 * the CRD itself as data. A CRD the API server would refuse (not `apiextensions.k8s.io/v1`, no
 * group or kind, a served version without a schema) is a `crd/...` error.
 */
import { KasaneError, type Finding, type FieldPath } from '../errors.ts';
import { isDns1035Label, isDns1123Subdomain } from './grammar.ts';
import { isPlainObject } from '../util/plain-object.ts';

/** A JSON schema node as it appears in a CRD. */
export type JsonSchema = Record<string, unknown>;

/** Where a document came from: file, 0-based document index within it, 1-based line. */
export interface DocumentSource {
  file: string;
  document: number;
  line?: number;
}

/** One served version of a custom kind. */
export interface CrdVersionInput {
  name: string;
  /** True for the version the API server stores. */
  storage: boolean;
  /** `deprecationWarning`, or a default text when the version is only marked `deprecated`. */
  deprecation?: string;
  schema: JsonSchema;
}

/** A CustomResourceDefinition, read and checked. */
export interface CrdInput {
  /** `metadata.name`, e.g. `certificates.cert-manager.io`. */
  name: string;
  group: string;
  kind: string;
  /** Served versions in the CRD's order; unserved ones are left out. */
  versions: CrdVersionInput[];
  /** The CRD as data, without `status` and server-set metadata. */
  object: Record<string, unknown>;
  source?: DocumentSource;
}

const CRD_API_VERSION = 'apiextensions.k8s.io/v1';

/** True when `doc` declares itself a CustomResourceDefinition (of any apiextensions version). */
export function isCrdDocument(doc: unknown): boolean {
  return isPlainObject(doc) && doc.kind === 'CustomResourceDefinition' && typeof doc.apiVersion === 'string' && doc.apiVersion.startsWith('apiextensions.k8s.io/');
}

function fail(code: string, message: string, hint: string, name: string, path: FieldPath, source: DocumentSource | undefined): never {
  const where = source ? ` in document ${source.document + 1}` : '';
  const finding: Finding = {
    severity: 'error',
    code,
    message: `${message}${where}`,
    hint,
    object: { apiVersion: CRD_API_VERSION, kind: 'CustomResourceDefinition', name },
    path,
    ...(source ? { source: { file: source.file, ...(source.line ? { line: source.line } : {}) } } : {}),
  };
  throw new KasaneError(finding);
}

/** The CRD without `status` and without metadata the API server sets. */
function cleanCrd(doc: Record<string, unknown>): Record<string, unknown> {
  const { status: _status, metadata, ...rest } = doc;
  const meta: Record<string, unknown> = {};
  if (isPlainObject(metadata)) {
    for (const key of ['name', 'labels', 'annotations'] as const) if (metadata[key] !== undefined) meta[key] = metadata[key];
    if (isPlainObject(meta.annotations)) {
      const { 'kubectl.kubernetes.io/last-applied-configuration': _applied, ...annotations } = meta.annotations;
      if (Object.keys(annotations).length) meta.annotations = annotations;
      else delete meta.annotations;
    }
  }
  return { ...rest, metadata: meta };
}

function readVersion(raw: unknown, index: number, name: string, source: DocumentSource | undefined): CrdVersionInput | undefined {
  const path = ['spec', 'versions', index];
  if (!isPlainObject(raw) || typeof raw.name !== 'string' || raw.name === '') {
    fail('crd/invalid', `expected a version with a name at spec.versions[${index}], found ${JSON.stringify(raw)}`, 'give every entry of spec.versions a name, e.g. v1', name, path, source);
  }
  if (raw.served !== true) return undefined;
  const schema = isPlainObject(raw.schema) ? raw.schema.openAPIV3Schema : undefined;
  if (!isPlainObject(schema)) {
    fail(
      'crd/missing-schema',
      `expected spec.versions[${index}].schema.openAPIV3Schema for served version '${raw.name}', found none`,
      'add the structural schema the API server requires for apiextensions.k8s.io/v1 CRDs (controller-gen writes it)',
      name,
      [...path, 'schema', 'openAPIV3Schema'],
      source,
    );
  }
  const deprecation = raw.deprecated === true ? (typeof raw.deprecationWarning === 'string' ? raw.deprecationWarning : `${raw.name} is deprecated`) : undefined;
  return { name: raw.name, storage: raw.storage === true, ...(deprecation ? { deprecation } : {}), schema };
}

/**
 * Reads a CustomResourceDefinition, checking what the API server requires of one.
 * @throws KasaneError `crd/not-a-crd` when `doc` is not a CRD,
 * `crd/unsupported-version` for `apiextensions.k8s.io/v1beta1`,
 * `crd/invalid` when group, kind or versions are missing,
 * `crd/missing-schema` when a served version has no `openAPIV3Schema`.
 */
export function readCrd(doc: unknown, source?: DocumentSource): CrdInput {
  const name = isPlainObject(doc) && isPlainObject(doc.metadata) && typeof doc.metadata.name === 'string' ? doc.metadata.name : '';
  if (!isPlainObject(doc) || !isCrdDocument(doc)) {
    const found = isPlainObject(doc) ? `${String(doc.apiVersion)} ${String(doc.kind)}` : JSON.stringify(doc);
    fail('crd/not-a-crd', `expected a CustomResourceDefinition, found ${found}`, 'pass files that hold apiextensions.k8s.io/v1 CustomResourceDefinitions', name, [], source);
  }
  if (doc.apiVersion !== CRD_API_VERSION) {
    fail(
      'crd/unsupported-version',
      `expected apiVersion '${CRD_API_VERSION}', found '${String(doc.apiVersion)}'`,
      'v1beta1 CRDs were removed in Kubernetes 1.22: take the v1 CRD from a newer release of the operator, or `kubectl get crd <name> -o yaml` from a cluster',
      name,
      ['apiVersion'],
      source,
    );
  }
  const spec = isPlainObject(doc.spec) ? doc.spec : {};
  const names = isPlainObject(spec.names) ? spec.names : {};
  for (const [field, value, path] of [
    ['spec.group', spec.group, ['spec', 'group']],
    ['spec.names.kind', names.kind, ['spec', 'names', 'kind']],
  ] as const) {
    if (typeof value !== 'string' || value === '') {
      fail('crd/invalid', `expected a non-empty ${field}, found ${JSON.stringify(value)}`, `set ${field} in the CRD`, name, path, source);
    }
  }
  // The group and the kind name the generated file (`<group>/<kind>.ts`): hold them to the API
  // server's rules before they come near a path.
  const group = spec.group as string;
  if (!isDns1123Subdomain(group) || !group.includes('.')) {
    fail(
      'crd/invalid',
      `expected spec.group to be a DNS-1123 subdomain with at least one dot (e.g. example.com), found ${JSON.stringify(group)}`,
      'the API server rejects this CRD too: name the group after a domain you own',
      name,
      ['spec', 'group'],
      source,
    );
  }
  if (!isDns1035Label((names.kind as string).toLowerCase())) {
    fail(
      'crd/invalid',
      `expected spec.names.kind to be a letter followed by letters, digits or '-' (at most 63), found ${JSON.stringify(names.kind)}`,
      'the API server rejects this CRD too: use a CamelCase kind such as Widget',
      name,
      ['spec', 'names', 'kind'],
      source,
    );
  }
  if (!Array.isArray(spec.versions) || spec.versions.length === 0) {
    fail('crd/invalid', `expected a list of versions at spec.versions, found ${JSON.stringify(spec.versions)}`, 'list the versions of the CRD under spec.versions', name, ['spec', 'versions'], source);
  }
  const versions = spec.versions.map((v, i) => readVersion(v, i, name, source)).filter((v): v is CrdVersionInput => v !== undefined);
  if (versions.length === 0) {
    fail('crd/invalid', 'expected at least one version with served: true, found none', 'set served: true on the versions custom resources are written in', name, ['spec', 'versions'], source);
  }
  return { name, group: spec.group as string, kind: names.kind as string, versions, object: cleanCrd(doc), ...(source ? { source } : {}) };
}
