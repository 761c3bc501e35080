/**
 * The layering of src/, stated once: test/architecture.test.ts checks every import against
 * it, and eslint.config.mjs turns it into import restrictions an editor shows while typing.
 */

/**
 * Each area (a folder of src/, or a file at its top) and the areas it may import besides its
 * own, lowest first. Declared data (project) sits below the user API (define, builders) and
 * below the stages (build, secrets, overlay, validate, render), which never import the user
 * API; the pipeline runs the stages; the tools and the CLI sit on top.
 */
export const LAYERS = {
  errors: [], //                       findings and KasaneError
  util: ['errors'], //                 helpers that know nothing of Kubernetes
  k8s: ['errors', 'util'], //          the Kubernetes model: identity, tables, schema data
  project: ['errors', 'util', 'k8s'], // declared data: components, environments, patches, config
  define: ['errors', 'util', 'k8s', 'project'], // the user API: define*, patch helpers, call sites
  builders: ['errors', 'util', 'k8s'], // the user API for objects
  secrets: ['errors', 'util', 'k8s', 'project'], // secret values: references, sealing, redaction
  build: ['errors', 'util', 'k8s', 'project'], // stage: components → objects
  overlay: ['errors', 'util', 'k8s', 'project'], // stage: generators, patches, transforms
  validate: ['errors', 'util', 'k8s', 'project'], // stage: schema, references, policies
  render: ['errors', 'util', 'k8s'], // stage: emission
  pipeline: ['errors', 'util', 'k8s', 'project', 'build', 'secrets', 'overlay', 'validate', 'render'], // the stage list and its loop
  load: ['errors', 'util', 'k8s', 'project'], // the loader: a project's files → declared data
  output: ['errors', 'util', 'k8s', 'render'], // the output folder: write, read back, drift
  charts: ['errors', 'util', 'k8s', 'project', 'output'], // Helm charts: helm runner, vendoring and its lock, chart values
  codegen: ['errors', 'util', 'k8s', 'output', 'charts'], // CRDs and chart values → TypeScript
  incremental: ['errors', 'util', 'k8s', 'project', 'secrets', 'pipeline', 'load'], // the render cache: keys, entries on disk, render through it
  tools: ['errors', 'util', 'k8s', 'project', 'secrets', 'pipeline'], // explain, object diff, graph, init
  import: ['errors', 'util', 'k8s', 'project', 'builders', 'secrets', 'overlay', 'load', 'output', 'codegen', 'tools'], // YAML and Kustomize → a project
  index: ['errors', 'util', 'k8s', 'project', 'define', 'builders', 'secrets'], // `kasane`
  entries: ['errors', 'util', 'k8s', 'project', 'secrets', 'validate', 'render', 'pipeline', 'load', 'tools', 'codegen'], // `kasane/pipeline`, `kasane/codegen`
  cli: ['errors', 'util', 'k8s', 'project', 'builders', 'secrets', 'validate', 'render', 'pipeline', 'load', 'output', 'charts', 'tools', 'codegen', 'import', 'incremental'],
};

/**
 * The files of src/ (globs relative to it: `*` within a name, `**` any depth) that may touch
 * the file system (`node:fs`, child processes) or the process (env, argv, cwd, stdio, exit).
 */
export const SIDE_EFFECT_FILES = [
  'load/**',
  'import/**',
  'output/write.ts',
  'output/write-*.ts',
  'cli/**',
  'codegen/fs.ts',
  'charts/helm-process.ts',
  'charts/vendor-fs.ts',
  'incremental/render-cache.ts',
  'incremental/kasane-identity.ts',
  'incremental/input-state.ts',
];
