/**
 * A classic chart repository's index.yaml: the digest it publishes for a chart version.
 * `helm pull` does not compare the archive it downloads with that digest, so kasane does.
 */
import { errorFinding, type Finding } from '../errors.ts';
import { isPlainObject } from '../util/plain-object.ts';
import { readYaml } from '../k8s/yaml-read.ts';

/** The digest (`sha256:<hex>`) index.yaml lists for `chart` at `version`, undefined when it lists none, or a finding. */
export function indexDigest(indexText: string, repository: string, chart: string, version: string): { digest?: string } | { finding: Finding } {
  const read = readYaml(indexText, { dialect: 'kubectl' });
  const problem = read.problems[0];
  if (problem) return { finding: errorFinding('charts/invalid-index', `cannot read the index.yaml of ${repository}: ${problem.message}`, { hint: 'check the repository URL' }) };
  const index = read.documents[0]?.value;
  const entries = isPlainObject(index) && isPlainObject(index.entries) ? index.entries[chart] : undefined;
  const entry = Array.isArray(entries) ? entries.find((e) => isPlainObject(e) && String(e.version) === version) : undefined;
  if (!isPlainObject(entry))
    return { finding: errorFinding('charts/pull-failed', `${repository} has no chart '${chart}' version '${version}'`, { hint: 'check the chart name and version in kasane.config.ts' }) };
  const digest = typeof entry.digest === 'string' && /^[0-9a-f]{64}$/.test(entry.digest) ? `sha256:${entry.digest}` : undefined;
  return digest ? { digest } : {};
}
