// Builds dist/: one esbuild pass for the library's entry points (kasane, kasane/pipeline,
// kasane/codegen, the empty run-time module of the types-only kasane/api/*) and the CLI (shared
// chunks, so the CLI and a user's `import 'kasane'` load the same modules), then declaration
// files with tsc (those of src/k8s/api/ are what kasane/api/* resolves to).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const root = new URL('..', import.meta.url).pathname;

rmSync(`${root}dist`, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: {
    index: 'src/index.ts',
    pipeline: 'src/entries/pipeline.ts',
    codegen: 'src/entries/codegen.ts',
    api: 'src/entries/api.ts',
    cli: 'src/cli/main.ts',
    'watch-worker': 'src/cli/watch-worker.ts',
  },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  define: { KASANE_VERSION: JSON.stringify(pkg.version) },
  logLevel: 'warning',
});
if (!process.argv.includes('--no-types')) {
  execFileSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
}
