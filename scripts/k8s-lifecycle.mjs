/**
 * The API lifecycle of every pre-release (alpha and beta) group/version/kind, for
 * scripts/gen-k8s-versions.mjs.
 *
 * Source: the `zz_generated.prerelease-lifecycle.go` file of each API package, generated in
 * Kubernetes from the `+k8s:prerelease-lifecycle-gen:introduced|deprecated|removed|replacement`
 * tags on each type; the API server stops serving a version in the minor its `Removed` names.
 * The packages live in k8s.io/api (`<group>/<version>/`), k8s.io/apiextensions-apiserver and
 * k8s.io/kube-aggregator (`pkg/apis/<group>/<version>/`). These keep the Go types of versions
 * that are no longer served, so one tag knows most removals; a package dropped from the
 * repository is still read at the older tags that have it, and a newer tag's facts win.
 */

const LIFECYCLE_FILE = 'zz_generated.prerelease-lifecycle.go';

/** `major.minor` of a `return 1, 25` body. */
const minor = (major, min) => `${major}.${min}`;

/** The lifecycle facts of one generated file: type name → `{ introduced, deprecated, removed, replacement }`. */
export function parseLifecycle(source) {
  const types = new Map();
  const entry = (name) => {
    if (!types.has(name)) types.set(name, {});
    return types.get(name);
  };
  const versionRe = /func \(in \*(\w+)\) APILifecycle(Introduced|Deprecated|Removed)\(\) \(major, minor int\) \{\s*return (\d+), (\d+)\s*\}/g;
  for (const m of source.matchAll(versionRe)) entry(m[1])[m[2].toLowerCase()] = minor(m[3], m[4]);
  const replacementRe = /func \(in \*(\w+)\) APILifecycleReplacement\(\) schema\.GroupVersionKind \{\s*return schema\.GroupVersionKind\{Group: "([^"]*)", Version: "([^"]*)", Kind: "([^"]*)"\}\s*\}/g;
  for (const m of source.matchAll(replacementRe)) {
    const apiVersion = m[2] === '' ? m[3] : `${m[2]}/${m[3]}`;
    entry(m[1]).replacement = `${apiVersion} ${m[4]}`;
  }
  return types;
}

/** The API group a package registers (`GroupName = "batch"` in its register.go). */
function groupOf(repo, rev, dir) {
  const text = repo.read(rev, `${dir}/register.go`);
  const m = /GroupName\s*=\s*"([^"]*)"/.exec(text);
  if (!m) throw new Error(`${dir}/register.go at ${rev} has no GroupName`);
  return m[1];
}

/**
 * Reads the lifecycle files of `repo` at each of `revs` (oldest first) into `table`
 * (`apiVersion Kind` → facts), a newer revision's facts replacing an older one's.
 */
export function readLifecycle(repo, revs, table) {
  for (const rev of revs) {
    for (const path of repo.list(rev, '.')) {
      if (!path.endsWith(`/${LIFECYCLE_FILE}`)) continue;
      const dir = path.slice(0, -LIFECYCLE_FILE.length - 1);
      const version = dir.slice(dir.lastIndexOf('/') + 1);
      const group = groupOf(repo, rev, dir);
      const apiVersion = group === '' ? version : `${group}/${version}`;
      for (const [kind, facts] of parseLifecycle(repo.read(rev, path))) {
        if (kind.endsWith('List')) continue;
        table.set(`${apiVersion} ${kind}`, facts);
      }
    }
  }
  return table;
}

/** Where {@link GUIDE_REPLACEMENTS} come from. */
export const GUIDE = 'kubernetes/website@02afb71016ac558fc5836738711e78e77b1ad44a:content/en/docs/reference/using-api/deprecation-guide.md';

/**
 * Replacements the Deprecated API Migration Guide ({@link GUIDE}) names where the lifecycle
 * tags name none, or name the list kind (`IngressClassList`) instead of the kind itself.
 */
export const GUIDE_REPLACEMENTS = {
  'events.k8s.io/v1beta1 Event': 'events.k8s.io/v1 Event',
  'networking.k8s.io/v1beta1 IngressClass': 'networking.k8s.io/v1 IngressClass',
  'node.k8s.io/v1beta1 RuntimeClass': 'node.k8s.io/v1 RuntimeClass',
};

/** Sets the replacements of {@link GUIDE_REPLACEMENTS} in `table`, which must have those kinds. */
export function applyGuide(table) {
  for (const [key, replacement] of Object.entries(GUIDE_REPLACEMENTS)) {
    const facts = table.get(key);
    if (!facts?.removed) throw new Error(`${key}: the lifecycle files no longer say it was removed; check the guide again`);
    facts.replacement = replacement;
  }
  return table;
}

/**
 * One lifecycle entry as the generated table writes it: `introduced deprecated removed
 * replacement`, `-` for a fact the API does not have, the replacement as `apiVersion Kind`.
 */
export function encodeLifecycle(facts) {
  return [facts.introduced ?? '-', facts.deprecated ?? '-', facts.removed ?? '-', facts.replacement ?? '-'].join(' ');
}

const before = (a, b) => {
  const [am, an] = a.split('.').map(Number);
  const [bm, bn] = b.split('.').map(Number);
  return am < bm || (am === bm && an < bn);
};

/**
 * Lifecycle facts that contradict the OpenAPI documents: a kind a minor serves although its
 * lifecycle says it was removed before (or introduced after) that minor.
 * @param kindsByMinor `minor` → set of `apiVersion Kind` in that minor's document.
 */
export function lifecycleConflicts(table, kindsByMinor) {
  const out = [];
  for (const [minorV, kinds] of kindsByMinor) {
    for (const key of kinds) {
      const facts = table.get(key);
      if (!facts) continue;
      if (facts.removed && !before(minorV, facts.removed)) out.push(`${key}: removed in ${facts.removed}, yet in the ${minorV} document`);
      if (facts.introduced && before(minorV, facts.introduced)) out.push(`${key}: introduced in ${facts.introduced}, yet in the ${minorV} document`);
    }
  }
  return out;
}
