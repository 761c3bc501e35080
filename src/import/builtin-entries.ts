/**
 * `transformers:` and `generators:` entries that configure Kustomize's builtin transformers
 * and generators (`apiVersion: builtin`), from files or inline. They become the environment's
 * `builtinTransformers` and generators. Any other entry is a plugin (an exec plugin or a KRM
 * function), which kasane does not run: one finding names it and says what to do instead.
 */
import path from 'node:path';
import type { FieldPath, Finding } from '../errors.ts';
import { inputFinding } from '../k8s/input-findings.ts';
import { readYaml } from '../k8s/yaml-read.ts';
import type { BuiltinTransformer, BuiltinTransformerBase, PatchTransformerConfig, TransformerAnnotationName } from '../project/builtin-transformer.ts';
import { isPlainObject } from '../util/plain-object.ts';
import { readReplacements } from './kustomize-fields.ts';
import { localFile } from './local-file.ts';
import { readGenerators, readPatches, type Kustomization, type PatchDecl, type ReadText } from './kustomization.ts';

/** A builtin transformer as import writes it: patches stay declarations until code is written. */
export type BuiltinDecl = Exclude<BuiltinTransformer, PatchTransformerConfig> | (BuiltinTransformerBase & { kind: 'PatchTransformer'; patches: PatchDecl[] });

const COPIED: Record<string, readonly string[]> = {
  LabelTransformer: ['labels', 'fieldSpecs'],
  AnnotationsTransformer: ['annotations', 'fieldSpecs'],
  PrefixSuffixTransformer: ['prefix', 'suffix', 'fieldSpecs'],
  NamespaceTransformer: ['fieldSpecs', 'unsetOnly', 'setRoleBindingSubjects'],
  ImageTagTransformer: ['imageTag', 'fieldSpecs'],
  ReplicaCountTransformer: ['replica', 'fieldSpecs'],
  HashTransformer: [],
};

interface Where {
  file: string;
  path: FieldPath;
}

/** The configuration documents of one entry: inline YAML, or the file it names. */
function entryDocuments(entry: string, dir: string, read: ReadText, where: Where, findings: Finding[]): { docs: unknown[]; file: string } {
  const inline = entry.includes('\n');
  const local = inline ? where.file : localFile(dir, entry, where, findings);
  if (local === undefined) return { docs: [], file: where.file };
  const file = local;
  const input = inline ? entry : read(file);
  if (input === undefined) {
    const message = `expected the configuration file '${file}', found nothing (a folder of generated configurations is not imported)`;
    findings.push({ severity: 'error', code: 'import/missing-file', message, hint: 'list the configuration files themselves', source: { file: where.file }, path: where.path });
    return { docs: [], file };
  }
  const got = readYaml(input, { dialect: 'kubectl' });
  for (const p of got.problems) findings.push(inputFinding('import', file, p));
  return { docs: got.documents.map((d) => d.value).filter((v) => v !== null && v !== undefined), file };
}

function pluginFinding(field: string, doc: Record<string, unknown>, where: Where): Finding {
  const what = `${String(doc.kind)} (apiVersion ${String(doc.apiVersion)})`;
  return {
    severity: 'error',
    code: 'import/unsupported-field',
    message:
      doc.apiVersion === 'builtin'
        ? `cannot import '${field}' entry ${what}: kasane does not configure this builtin (Helm inflation and the legacy ordering ones stay out)`
        : `cannot import '${field}' entry ${what}: it is a plugin (an exec plugin or a KRM function), which kasane does not run`,
    hint: field === 'generators' ? 'run the generator and import its output, or write a component' : 'rewrite the plugin as a transform function of the environment',
    source: { file: where.file },
    path: where.path,
  };
}

/** The patches a Patch*Transformer configures, read as the kustomization's own patch fields. */
function transformerPatches(doc: Record<string, unknown>, dir: string, file: string, read: ReadText, findings: Finding[]): PatchDecl[] {
  const k = { dir, patches: [] as PatchDecl[] } as unknown as Kustomization;
  if (doc.kind === 'PatchTransformer') readPatches({ patches: [{ patch: doc.patch, path: doc.path, target: doc.target, options: doc.options }] }, file, read, k, findings);
  if (doc.kind === 'PatchStrategicMergeTransformer') {
    const entries = [...(Array.isArray(doc.paths) ? doc.paths : []), ...(typeof doc.patches === 'string' ? [doc.patches] : [])];
    readPatches({ patchesStrategicMerge: entries }, file, read, k, findings);
  }
  if (doc.kind === 'PatchJson6902Transformer') {
    readPatches({ patchesJson6902: [{ target: doc.target, path: doc.path, patch: typeof doc.jsonOp === 'string' ? doc.jsonOp : undefined }] }, file, read, k, findings);
  }
  // Inside a transformer they run where the transformer runs.
  return k.patches.map((p) => (p.options?.afterAnnotations ? (({ options: _o, ...rest }) => rest)(p) : p) as PatchDecl);
}

function builtinTransformer(doc: Record<string, unknown>, dir: string, file: string, read: ReadText, findings: Finding[]): BuiltinDecl | undefined {
  const kind = String(doc.kind);
  if (kind.startsWith('Patch') && kind.endsWith('Transformer')) return { kind: 'PatchTransformer', patches: transformerPatches(doc, dir, file, read, findings) };
  if (kind === 'ReplacementTransformer') return { kind, replacements: readReplacements(doc.replacements, dir, file, read, findings) };
  const fields = COPIED[kind];
  if (!fields) return undefined;
  const out: Record<string, unknown> = { kind };
  for (const f of fields) if (doc[f] !== undefined && doc[f] !== null) out[f] = doc[f];
  if (kind === 'NamespaceTransformer') out.namespace = isPlainObject(doc.metadata) && typeof doc.metadata.namespace === 'string' ? doc.metadata.namespace : '';
  if (
    (kind === 'LabelTransformer' || kind === 'AnnotationsTransformer' || kind === 'PrefixSuffixTransformer' || kind === 'NamespaceTransformer' || kind === 'ReplicaCountTransformer') &&
    out.fieldSpecs === undefined
  )
    out.fieldSpecs = [];
  return out as unknown as BuiltinDecl;
}

/** How Kustomize's transformer annotations name the transformer `doc` of `file`. */
function annotationName(doc: Record<string, unknown>, file: string): TransformerAnnotationName {
  const name = isPlainObject(doc.metadata) && typeof doc.metadata.name === 'string' ? doc.metadata.name : undefined;
  return { configuredIn: file, kind: String(doc.kind), ...(name !== undefined ? { name } : {}) };
}

/** Reads the `transformers:` and `generators:` entries of kustomization `doc` into `k`. */
export function readBuiltinEntries(doc: Record<string, unknown>, k: Kustomization, read: ReadText, findings: Finding[]): void {
  for (const field of ['transformers', 'generators'] as const) {
    (Array.isArray(doc[field]) ? (doc[field] as unknown[]) : []).forEach((entry, i) => {
      const where = { file: k.file, path: [field, i] };
      if (typeof entry !== 'string') return;
      const { docs, file } = entryDocuments(entry, k.dir, read, where, findings);
      for (const d of docs) {
        if (!isPlainObject(d)) continue;
        const generator = field === 'generators' && d.apiVersion === 'builtin' && (d.kind === 'ConfigMapGenerator' || d.kind === 'SecretGenerator');
        if (generator) {
          const name = isPlainObject(d.metadata) ? d.metadata.name : undefined;
          const { apiVersion: _a, kind: _k, metadata: _m, ...rest } = d;
          readGenerators({ [d.kind === 'SecretGenerator' ? 'secretGenerator' : 'configMapGenerator']: [{ ...rest, name }] }, k, findings, file, 'entry');
          continue;
        }
        const t = field === 'transformers' && d.apiVersion === 'builtin' ? builtinTransformer(d, k.dir, file, read, findings) : undefined;
        if (t) k.builtinTransformers.push({ ...t, annotatedAs: annotationName(d, file) });
        else findings.push(pluginFinding(field, d, where));
      }
    });
  }
}
