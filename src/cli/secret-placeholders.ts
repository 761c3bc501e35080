/**
 * Commands that only check a project render the secret values they cannot read as
 * placeholders (see `secrets/placeholders.ts`). This module says so on stderr, and, where a
 * render is compared with the committed output (`render --check`, `kasane diff <env>`), keeps
 * the committed value of each field that holds a placeholder, so that everything else is still
 * compared byte for byte and the note names exactly what was not.
 */
import { formatObjectRef, formatPath } from '../errors.ts';
import { objectKey, refKey, type KObject } from '../k8s/object.ts';
import { isPlainObject } from '../util/plain-object.ts';
import type { Resource } from '../k8s/resource.ts';
import { readYamlValue } from '../k8s/yaml-read.ts';
import type { RenderedEnvironment } from '../render/emit-environment.ts';
import { emitDocument } from '../render/emit.ts';
import { withCommittedValues, type SecretPlaceholder } from '../secrets/placeholders.ts';
import type { CliIo } from './io.ts';

/** What an environment rendered with placeholders. */
export interface PlaceholderReport {
  env: string;
  placeholders?: readonly SecretPlaceholder[];
}

/** Why a field holds a placeholder, for people: one phrase per missing source. */
function causesOf(p: SecretPlaceholder): string[] {
  if (p.missing.length === 0) return ['KASANE_SEAL_KEY is not set, so the value is not sealed'];
  return p.missing.map((m) => (m.source === 'env' ? `environment variable '${m.name}' is not set` : `file '${m.name}' is not found`));
}

/** One note per environment that was rendered with placeholders; nothing when none was. */
export function notePlaceholders(io: CliIo, reports: readonly PlaceholderReport[]): void {
  for (const r of reports) {
    if (!r.placeholders?.length) continue;
    const causes = [...new Set(r.placeholders.flatMap(causesOf))];
    io.stderr(`note: ${r.env}: secret values not available here were replaced by placeholders (${causes.join('; ')})\n`);
  }
}

/**
 * Says which fields a comparison with the committed output could not check, one line each;
 * returns how many.
 */
export function noteNotCompared(io: CliIo, reports: readonly PlaceholderReport[]): number {
  const hashed = '; its name ends in a hash of its data, which this value may change, so the name and every reference to it may differ too';
  const lines = reports.flatMap((r) => (r.placeholders ?? []).map((p) => `  ${r.env} ${formatObjectRef(p.object)} ${formatPath(p.path)}: ${causesOf(p).join(', ')}${p.nameHashed ? hashed : ''}\n`));
  if (lines.length === 0) return 0;
  io.stderr(
    `not compared: ${lines.length} secret value${lines.length === 1 ? '' : 's'} that cannot be rendered here (the committed value${lines.length === 1 ? ' is' : 's are'} kept; everything else is compared):\n${lines.join('')}`,
  );
  return lines.length;
}

function pathsByObject(placeholders: readonly SecretPlaceholder[]): Map<string, SecretPlaceholder['path'][]> {
  const out = new Map<string, SecretPlaceholder['path'][]>();
  for (const p of placeholders) {
    const key = refKey(p.object);
    out.set(key, [...(out.get(key) ?? []), p.path]);
  }
  return out;
}

function readObject(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  const value = readYamlValue(text);
  return isPlainObject(value) ? value : undefined;
}

/**
 * The rendered files of an environment with, in each file holding a placeholder, the
 * committed value of that field (from `onDisk`, the environment folder's files).
 */
export function withCommittedSecretFiles(
  output: RenderedEnvironment,
  resources: readonly Resource[],
  placeholders: readonly SecretPlaceholder[],
  onDisk: ReadonlyMap<string, string>,
): Map<string, string> {
  const files = new Map(output.files);
  if (placeholders.length === 0) return files;
  const paths = pathsByObject(placeholders);
  const byKey = new Map(resources.map((r) => [objectKey(r.object), r.object]));
  for (const [file, ref] of output.objects) {
    const key = refKey(ref);
    const rendered = byKey.get(key);
    const wanted = paths.get(key);
    if (!rendered || !wanted) continue;
    const kept = withCommittedValues(rendered, readObject(onDisk.get(file)), wanted);
    if (kept !== rendered) files.set(file, emitDocument(kept));
  }
  return files;
}

/** `rendered` objects with the committed value of each field holding a placeholder. */
export function withCommittedSecretObjects(rendered: readonly KObject[], committed: readonly KObject[], placeholders: readonly SecretPlaceholder[]): KObject[] {
  if (placeholders.length === 0) return [...rendered];
  const paths = pathsByObject(placeholders);
  const before = new Map(committed.map((o) => [objectKey(o), o]));
  return rendered.map((o) => {
    const wanted = paths.get(objectKey(o));
    return wanted ? withCommittedValues(o, before.get(objectKey(o)), wanted) : o;
  });
}
