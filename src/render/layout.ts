/**
 * Where each object goes: `<env>/<component>/<kind>-<name>.yaml`, plus `<env>/kustomization.yaml`
 * listing every file in render order, so `kubectl apply -k`, Argo CD and Flux read the folder
 * unchanged.
 */
import { createHash } from 'node:crypto';
import { KasaneError, type Finding } from '../errors.ts';
import { refOf } from '../k8s/object.ts';
import { FROM_ENVIRONMENT, type Resource } from '../k8s/resource.ts';

/** First line of every kustomization.yaml kasane writes; also how kasane recognises its own output. */
export const KUSTOMIZATION_MARKER = '# Rendered by kasane. Do not edit: change the TypeScript and run `kasane render`.';

/** The folder of objects that an environment (not a component) made, e.g. its generators. */
export const ENVIRONMENT_FOLDER = '_environment';

/** The longest file name, in bytes, that common file systems take (ext4, XFS, APFS). */
const MAX_FILE_NAME = 255;

/**
 * The path of one object's file, relative to the environment folder: `<kind>-<name>.yaml`, or
 * with `withNamespace`, `<kind>-<name>_<namespace>.yaml` (for objects that share kind and name
 * and differ by namespace; `_` is in no Kubernetes name, so the two never meet). A name too
 * long for a file name (Kubernetes allows 253 characters) is cut and ends with the first 10 hex
 * digits of its SHA-256, so the file name stays unique and the same on every run.
 */
export function objectFile(resource: Resource, withNamespace = false): string {
  const folder = resource.component === FROM_ENVIRONMENT ? ENVIRONMENT_FOLDER : resource.component;
  const kind = resource.object.kind.toLowerCase();
  const { namespace } = resource.object.metadata;
  const name = withNamespace && namespace ? `${resource.object.metadata.name}_${namespace}` : resource.object.metadata.name;
  const plain = `${kind}-${name}.yaml`;
  if (Buffer.byteLength(plain) <= MAX_FILE_NAME) return `${folder}/${plain}`;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 10);
  const budget = MAX_FILE_NAME - Buffer.byteLength(`${kind}--${hash}.yaml`);
  let keep = budget;
  while (Buffer.byteLength(name.slice(0, keep)) > budget) keep--;
  return `${folder}/${kind}-${name.slice(0, keep)}-${hash}.yaml`;
}

/** Why `name` cannot be part of a file name, or undefined when it can. */
function unsafeName(name: string): string | undefined {
  if (name.includes('/') || name.includes('\\')) return 'it contains a path separator';
  if (name.includes('\0')) return 'it contains a NUL character';
  return undefined;
}

/**
 * Assigns a file to every resource (already in render order).
 * @throws KasaneError `render/file-collision` naming both objects and their components.
 */
export function layoutFiles(resources: readonly Resource[], env: string): { file: string; resource: Resource }[] {
  const seen = new Map<string, Resource>();
  const findings: Finding[] = [];
  const shared = filesSharedAcrossNamespaces(resources);
  const out = resources.map((resource) => {
    // Schema validation reports such names first; this keeps `--no-validate` from writing
    // outside the object's folder.
    const unsafe = unsafeName(resource.object.metadata.name);
    if (unsafe) {
      findings.push({
        severity: 'error',
        code: 'render/unsafe-file-name',
        message: `the name '${resource.object.metadata.name}' cannot be part of a file name: ${unsafe}`,
        hint: "rename the object to a DNS-1123 name (lowercase letters, digits, '-' and '.')",
        env,
        object: refOf(resource.object),
        component: resource.component,
        ...(resource.source ? { source: resource.source } : {}),
      });
      return { file: '', resource };
    }
    const file = objectFile(resource, shared.has(objectFile(resource)));
    const other = seen.get(file);
    if (other) {
      findings.push({
        severity: 'error',
        code: 'render/file-collision',
        message: `'${file}' would hold both ${describe(other)} and ${describe(resource)}`,
        hint: 'give one of the objects another name, or build them in different components',
        env,
        object: refOf(resource.object),
        component: resource.component,
        ...(resource.source ? { source: resource.source } : {}),
        ...(other.source ? { related: [other.source] } : {}),
      });
    }
    seen.set(file, resource);
    return { file, resource };
  });
  if (findings.length) throw new KasaneError(findings);
  return out;
}

/** The plain file names that objects of different namespaces would share (same folder, kind and name). */
function filesSharedAcrossNamespaces(resources: readonly Resource[]): Set<string> {
  const namespaces = new Map<string, Set<string>>();
  for (const r of resources) {
    const file = objectFile(r);
    const set = namespaces.get(file) ?? new Set<string>();
    set.add(r.object.metadata.namespace ?? '');
    namespaces.set(file, set);
  }
  return new Set([...namespaces].filter(([, set]) => set.size > 1).map(([file]) => file));
}

function describe(resource: Resource): string {
  const ref = refOf(resource.object);
  return `${ref.apiVersion} ${ref.kind}/${ref.namespace ? ref.namespace + '/' : ''}${ref.name} (component '${resource.component}')`;
}

/** The kustomization.yaml that lists an environment's files. */
export function kustomizationFile(files: readonly string[]): string {
  const lines = [KUSTOMIZATION_MARKER, 'apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', files.length ? 'resources:' : 'resources: []'];
  for (const f of files) lines.push(`- ${f}`);
  return lines.join('\n') + '\n';
}

/** The files kasane wrote, as listed by a kustomization.yaml it wrote (undefined if not kasane's). */
export function filesListedBy(kustomization: string): string[] | undefined {
  if (!kustomization.startsWith(KUSTOMIZATION_MARKER)) return undefined;
  const files: string[] = [];
  let inResources = false;
  for (const line of kustomization.split('\n')) {
    if (line.startsWith('resources:')) inResources = true;
    else if (inResources && line.startsWith('- ')) files.push(line.slice(2).trim());
    else if (line.trim() !== '' && !line.startsWith('#')) inResources = false;
  }
  return files;
}
