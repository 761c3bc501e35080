/**
 * The Kustomize fields that import carries over as data: `vars`, `configurations` (transformer
 * configuration files) and `replacements` (inline or from files). Each is checked for the shape
 * kasane's overlay reads, so that a malformed entry is a finding that names its file and field
 * rather than a failure at render time.
 */
import path from 'node:path';
import type { FieldPath, Finding } from '../errors.ts';
import { inputFinding } from '../k8s/input-findings.ts';
import { readYaml } from '../k8s/yaml-read.ts';
import type { Replacement } from '../project/replacement.ts';
import type { TransformerConfig } from '../project/transformer-config.ts';
import type { Var } from '../project/vars.ts';
import { isPlainObject } from '../util/plain-object.ts';
import { goField, goFields } from './go-fields.ts';
import { localFile } from './local-file.ts';
import { crdConfiguration } from './crd-configs.ts';
import type { ReadText } from './kustomization.ts';

/** The fields of a transformer configuration file kasane applies. */
const CONFIG_KEYS = ['namePrefix', 'nameSuffix', 'namespace', 'commonLabels', 'templateLabels', 'labels', 'commonAnnotations', 'images', 'replicas', 'varReference', 'nameReference'];

/** What one kustomization declares in these fields, paths resolved against its folder. */
export interface DataFields {
  vars: Var[];
  configurations: TransformerConfig[];
  replacements: Replacement[];
}

function invalid(file: string, path: FieldPath, message: string, hint: string): Finding {
  return { severity: 'error', code: 'import/invalid-kustomization', message, hint, source: { file }, path };
}

/** Reads `file` (relative to the import root) as YAML; a finding when it is missing. */
function readDataFile(file: string, read: ReadText, where: { file: string; path: FieldPath }, findings: Finding[]): unknown {
  const input = read(file);
  if (input === undefined) {
    findings.push({ severity: 'error', code: 'import/missing-file', message: `expected the file '${file}', found nothing`, hint: 'fix the path', source: { file: where.file }, path: where.path });
    return undefined;
  }
  const got = readYaml(input, { dialect: 'kubectl' });
  for (const p of got.problems) findings.push(inputFinding('import', file, p));
  return got.documents[0]?.value;
}

const SELECTOR_FIELDS = ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector'];
const OPTION_FIELDS = ['delimiter', 'index', 'encoding', 'create'];

/** `value` with its keys read by `fields` when it is a map, unchanged otherwise. */
const mapFields = (value: unknown, fields: readonly string[]): unknown => (isPlainObject(value) ? goFields(value, fields) : value);

/** A replacement as Kustomize reads it: every key of its source and targets whatever its case. */
function goReplacement(entry: Record<string, unknown>): Record<string, unknown> {
  const r = goFields(entry, ['source', 'targets']);
  if (isPlainObject(r.source)) {
    const source = goFields(r.source, [...SELECTOR_FIELDS, 'fieldPath', 'options']);
    r.source = { ...source, ...(source.options !== undefined ? { options: mapFields(source.options, OPTION_FIELDS) } : {}) };
  }
  if (Array.isArray(r.targets))
    r.targets = r.targets.map((t) => {
      if (!isPlainObject(t)) return t;
      const target = goFields(t, ['select', 'reject', 'fieldPaths', 'options']);
      for (const [key, fields] of [
        ['select', SELECTOR_FIELDS],
        ['options', OPTION_FIELDS],
      ] as const)
        if (target[key] !== undefined) target[key] = mapFields(target[key], fields);
      if (Array.isArray(target.reject)) target.reject = target.reject.map((s) => mapFields(s, SELECTOR_FIELDS));
      return target;
    });
  return r;
}

function readVars(raw: unknown, file: string, findings: Finding[]): Var[] {
  if (raw === undefined || raw === null) return [];
  const out: Var[] = [];
  (Array.isArray(raw) ? raw : [raw]).forEach((v, i) => {
    const ok = isPlainObject(v) && typeof v.name === 'string' && isPlainObject(v.objref) && typeof v.objref.kind === 'string' && typeof v.objref.name === 'string';
    if (!ok) {
      findings.push(invalid(file, ['vars', i], 'expected a var with name and objref { kind, name }', 'write the var as { name, objref: { kind, name, apiVersion }, fieldref: { fieldpath } }'));
      return;
    }
    const ref = v.objref as Record<string, unknown>;
    const objref: Var['objref'] = { kind: String(ref.kind), name: String(ref.name) };
    if (typeof ref.apiVersion === 'string') objref.apiVersion = ref.apiVersion;
    if (typeof ref.namespace === 'string') objref.namespace = ref.namespace;
    const given = isPlainObject(v.fieldref) ? goField(v.fieldref, 'fieldpath') : undefined;
    const fieldpath = typeof given === 'string' ? given : undefined;
    out.push({ name: String(v.name), objref, ...(fieldpath ? { fieldref: { fieldpath } } : {}) });
  });
  return out;
}

function readConfiguration(value: unknown, file: string, findings: Finding[]): TransformerConfig | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) {
    findings.push(invalid(file, [], 'expected a transformer configuration (a mapping of field spec lists)', 'write lists such as nameReference: and commonLabels:'));
    return undefined;
  }
  const config: Record<string, unknown> = {};
  for (const [key, list] of Object.entries(value)) {
    if (!CONFIG_KEYS.includes(key)) {
      findings.push(invalid(file, [key], `expected one of ${CONFIG_KEYS.join(', ')}, found '${key}'`, 'remove the key or fix its spelling'));
      continue;
    }
    if (list === null) continue;
    if (!Array.isArray(list) || !list.every(isPlainObject)) {
      findings.push(invalid(file, [key], `expected a list of field specs in '${key}'`, 'write each entry as { kind, path } (nameReference: { kind, fieldSpecs })'));
      continue;
    }
    config[key] = list;
  }
  return config as TransformerConfig;
}

/** Replacement entries: inline, or `path:` files (one replacement or a list) relative to `dir`. */
export function readReplacements(raw: unknown, dir: string, file: string, read: ReadText, findings: Finding[]): Replacement[] {
  if (raw === undefined || raw === null) return [];
  const out: Replacement[] = [];
  const take = (given: unknown, where: { file: string; path: FieldPath }): void => {
    const entry = isPlainObject(given) ? goReplacement(given) : given;
    if (isPlainObject(entry) && isPlainObject(entry.source) && Array.isArray(entry.targets)) out.push(entry as unknown as Replacement);
    else findings.push(invalid(where.file, where.path, 'expected a replacement with source and targets', 'write { source: { kind, name, fieldPath }, targets: [{ select, fieldPaths }] }'));
  };
  (Array.isArray(raw) ? raw : [raw]).forEach((entry, i) => {
    const listed = isPlainObject(entry) ? goField(entry, 'path') : undefined;
    if (typeof listed !== 'string') return take(entry, { file, path: ['replacements', i] });
    const at = localFile(dir, listed, { file, path: ['replacements', i, 'path'] }, findings);
    if (at === undefined) return;
    const content = readDataFile(at, read, { file, path: ['replacements', i, 'path'] }, findings);
    if (content === undefined) return;
    (Array.isArray(content) ? content : [content]).forEach((r, j) => take(r, { file: at, path: Array.isArray(content) ? [j] : [] }));
  });
  return out;
}

/**
 * The vars, configurations and replacements of kustomization `doc` at `file` (in folder `dir`);
 * its `crds` files join the configurations as what they stand for.
 */
export function readDataFields(doc: Record<string, unknown>, dir: string, file: string, read: ReadText, findings: Finding[]): DataFields {
  const configurations: TransformerConfig[] = [];
  const entries = Array.isArray(doc.configurations) ? doc.configurations : [];
  entries.forEach((entry, i) => {
    if (typeof entry !== 'string') {
      findings.push(invalid(file, ['configurations', i], 'expected the path of a transformer configuration file', 'list file paths under configurations:'));
      return;
    }
    const at = localFile(dir, entry, { file, path: ['configurations', i] }, findings);
    if (at === undefined) return;
    const config = readConfiguration(readDataFile(at, read, { file, path: ['configurations', i] }, findings), at, findings);
    if (config) configurations.push(config);
  });
  (Array.isArray(doc.crds) ? doc.crds : []).forEach((entry, i) => {
    if (typeof entry !== 'string') {
      findings.push(invalid(file, ['crds', i], 'expected the path of a file of OpenAPI definitions', 'list file paths under crds:'));
      return;
    }
    const where = { file, path: ['crds', i] };
    const at = localFile(dir, entry, where, findings);
    if (at === undefined) return;
    const content = readDataFile(at, read, where, findings);
    const config = content === undefined ? undefined : crdConfiguration(content, at, where, findings);
    if (config) configurations.push(config);
  });
  return { vars: readVars(doc.vars, file, findings), configurations, replacements: readReplacements(doc.replacements, dir, file, read, findings) };
}
