// Reads the Kustomize feature cases of test/conformance/kustomize/ and writes their index.
//
// A case is a folder holding a small Kustomize tree, CASE.md and what `kubectl kustomize`
// made of it: expected.yaml when the build succeeds, error.txt (kubectl's message) when it
// fails. CASE.md starts with a title and four list items the tools read, then prose:
//
//   # <case name>
//
//   - Feature: <the Kustomize feature, as the index groups it>
//   - Build: `<folder to build, relative to the case; . for the case itself>`
//   - Corpus: <trees of test/fixtures/kustomize-corpus that use the feature, or none>
//   - Scope: supported | refused
//
// `refused` marks what stays outside kasane (remote bases, helmCharts, plugins): error.txt
// holds kubectl's own refusal so that kasane's refusal can be compared with it.
// Used by scripts/oracle-kustomize.mjs and by the tests; Node built-ins only.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The folder of the cases. */
export const casesRoot = join(import.meta.dirname, '..', 'test', 'conformance', 'kustomize');
/** The folder of the real-world trees the cases name. */
export const corpusRoot = join(import.meta.dirname, '..', 'test', 'fixtures', 'kustomize-corpus');

const SCOPES = ['supported', 'refused'];
const byCode = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/** The value of the list item `- <label>: ...` in CASE.md, or undefined. */
function field(text, label) {
  const match = text.match(new RegExp(`^- ${label}: (.+)$`, 'm'));
  return match ? match[1].trim() : undefined;
}

/**
 * The fields of one CASE.md, and the problems that keep the tools from reading it.
 * @returns {{ title?: string, feature?: string, build?: string, corpus: string[], scope?: string, summary: string, problems: string[] }}
 */
export function parseCaseNotes(text) {
  const problems = [];
  const title = text.match(/^# (.+)$/m)?.[1].trim();
  const feature = field(text, 'Feature');
  const build = field(text, 'Build')?.replace(/^`|`$/g, '');
  const corpusText = field(text, 'Corpus');
  const scope = field(text, 'Scope');
  if (!title) problems.push('no "# <case name>" title');
  for (const [label, value] of [
    ['Feature', feature],
    ['Build', build],
    ['Corpus', corpusText],
    ['Scope', scope],
  ]) {
    if (value === undefined) problems.push(`no "- ${label}: ..." line`);
  }
  if (scope !== undefined && !SCOPES.includes(scope)) problems.push(`Scope must be one of ${SCOPES.join(', ')}, got "${scope}"`);
  if (build !== undefined && (build.startsWith('/') || build.split('/').includes('..'))) problems.push(`Build must be a folder inside the case, got "${build}"`);
  const corpus =
    corpusText === undefined || corpusText === 'none'
      ? []
      : corpusText
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
  const prose = text.split('\n').filter((line) => line.trim() && !line.startsWith('#') && !line.startsWith('- '));
  const summary = prose.join(' ').split(/(?<=\.)\s/)[0] ?? '';
  if (!summary) problems.push('no paragraph that states the semantics');
  return { title, feature, build, corpus, scope, summary, problems };
}

/**
 * Every case folder, sorted by name, with its CASE.md fields and the files it holds.
 * @returns {{ name: string, dir: string, buildDir: string, notes: ReturnType<typeof parseCaseNotes>, expected: string | undefined, problems: string[] }[]}
 */
export function readCases(root = casesRoot) {
  return readdirSync(root)
    .filter((name) => statSync(join(root, name)).isDirectory())
    .sort(byCode)
    .map((name) => readCase(root, name));
}

function readCase(root, name) {
  const dir = join(root, name);
  const notesPath = join(dir, 'CASE.md');
  const notes = existsSync(notesPath) ? parseCaseNotes(readFileSync(notesPath, 'utf8')) : { corpus: [], summary: '', problems: ['no CASE.md'] };
  const problems = notes.problems.map((p) => `${name}/CASE.md: ${p}`);
  if (notes.title !== undefined && notes.title !== name) problems.push(`${name}/CASE.md: the title is "${notes.title}", not the folder name`);
  for (const tree of notes.corpus) if (!existsSync(join(corpusRoot, tree))) problems.push(`${name}/CASE.md: no corpus tree "${tree}"`);
  const buildDir = join(dir, notes.build ?? '.');
  const outputs = ['expected.yaml', 'error.txt'].filter((file) => existsSync(join(dir, file)));
  if (outputs.length !== 1) problems.push(`${name}: needs exactly one of expected.yaml and error.txt, has ${outputs.length ? outputs.join(' and ') : 'neither'}`);
  if (notes.scope === 'refused' && outputs[0] === 'expected.yaml') problems.push(`${name}: a refused case must hold kubectl's error.txt`);
  return { name, dir, buildDir, notes, expected: outputs.length === 1 ? outputs[0] : undefined, problems };
}

/** README.md of the cases: how they are made and one row per case (case, feature, scope, corpus). */
export function renderIndex(cases) {
  const cell = (s) => s.replace(/\|/g, '\\|');
  const rows = cases.map((c) => {
    const out = c.expected === 'error.txt' ? 'error.txt' : 'expected.yaml';
    const corpus = c.notes.corpus.length ? c.notes.corpus.join(', ') : '—';
    return `| [${c.name}](${c.name}/CASE.md) | ${cell(c.notes.feature ?? '')} | ${out}${c.notes.scope === 'refused' ? ' (refused)' : ''} | ${corpus} |`;
  });
  return [
    '# Kustomize feature cases',
    '',
    'Small Kustomize trees, one behaviour each (plus a few combinations), with what',
    '`kubectl kustomize` (kubectl 1.32, Kustomize v5.5.0) makes of them. Each folder holds the tree,',
    '`CASE.md` (the semantics the case pins, the folder to build, the real-world trees of',
    '`test/fixtures/kustomize-corpus/` that use the feature) and either `expected.yaml`, what kubectl',
    'prints, or `error.txt`, its error with the case folder written as `<case>`.',
    'Cases marked *refused* stay outside kasane (remote bases, `helmCharts`, plugins); their',
    "error.txt records kubectl's own refusal, built with the network unreachable.",
    '',
    'Regenerate with `node scripts/oracle-kustomize.mjs [case...]` and verify with',
    '`node scripts/oracle-kustomize.mjs --check`; never edit expected.yaml, error.txt or this file',
    'by hand. `scripts/kustomize-cases.mjs` reads the cases for tests. This file is generated.',
    '',
    `## Cases (${cases.length})`,
    '',
    '| case | feature | kubectl | corpus trees |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
