/**
 * Kustomization files met by `kasane validate -f`. They are Kustomize's configuration, not
 * Kubernetes objects, so they are never validated as objects. A folder kasane rendered holds a
 * kustomization.yaml that only lists the folder's own files: those are validated from their
 * files, and the kustomization adds nothing. A kustomization that does more (patches,
 * generators, a namespace, resources from elsewhere) describes objects that only
 * `kubectl kustomize` builds, so a warning says that they were not built.
 */
import { listFirst } from '../util/list-text.ts';
import path from 'node:path';
import type { Finding } from '../errors.ts';
import { isPlainObject } from '../util/plain-object.ts';
import { readYaml } from '../k8s/yaml-read.ts';

/** The file names Kustomize reads as a kustomization, in a folder or given by path. */
export const KUSTOMIZATION_FILE_NAMES: readonly string[] = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** True for a kustomization file (by its name, as Kustomize finds one). */
export function isKustomizationFile(file: string): boolean {
  return KUSTOMIZATION_FILE_NAMES.includes(path.basename(file));
}

/** Fields of a kustomization that only list what is there: what kasane writes into a rendered folder. */
const listingFields = new Set(['apiVersion', 'kind', 'resources']);

/**
 * The warning for a kustomization file `validate -f` skipped, or none when it only lists
 * resource files that the run reads anyway.
 * @param file the kustomization's path (absolute or relative to the current folder)
 * @param shown the path findings name
 * @param read the absolute paths of the manifest files the run reads
 */
export function kustomizationWarnings(file: string, text: string, shown: string, read: ReadonlySet<string>): Finding[] {
  const unread = notBuilt(file, text, read);
  if (unread.length === 0) return [];
  return [
    {
      severity: 'warning',
      code: 'load/kustomization-not-built',
      message: `skipped Kustomize configuration: validate -f reads manifests as they are, so ${unread.join(' and ')}`,
      hint: `validate what Kustomize builds: kubectl kustomize ${path.dirname(shown)} | kasane validate -f -`,
      source: { file: shown },
    },
  ];
}

/** What the kustomization would add to the files read, in words; empty when nothing. */
function notBuilt(file: string, text: string, read: ReadonlySet<string>): string[] {
  const parsed = readYaml(text, { dialect: 'kustomize' });
  if (parsed.problems.length) return ['it is not built (it is not valid YAML)'];
  const doc = parsed.documents[0]?.value;
  if (!isPlainObject(doc)) return ['it is not built'];
  const out: string[] = [];
  const fields = Object.keys(doc).filter((k) => !listingFields.has(k));
  if (fields.length) out.push(`its ${fields.map((k) => `'${k}'`).join(', ')} ${fields.length === 1 ? 'is' : 'are'} not applied`);
  const resources = Array.isArray(doc.resources) ? doc.resources : doc.resources === undefined ? [] : [doc.resources];
  const dir = path.dirname(path.resolve(file));
  const missing = resources.filter((r) => typeof r !== 'string' || !read.has(path.resolve(dir, r)));
  if (missing.length) out.push(`its resources ${listFirst(missing.map((r) => JSON.stringify(r)))} are not read as files here`);
  return out;
}
