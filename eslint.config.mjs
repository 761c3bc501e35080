/**
 * A small lint set: the layering of src/ (scripts/layers.mjs) as import restrictions, side
 * effects only where the layering allows them, determinism (no locale-dependent string
 * functions in src/), and a few habits (===, const, type-only imports marked as such).
 * Formatting is Prettier's job, not ESLint's. test/architecture.test.ts checks the same
 * layering in `npm test` (dynamic imports and `import('…')` types included); this config
 * shows it in the editor too.
 */
import { defineConfig } from 'eslint/config';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';
import { LAYERS, SIDE_EFFECT_FILES } from './scripts/layers.mjs';

/** The path of an area of src/: a folder, or a file at the top (`errors`, `index`). */
const areaPath = (area) => (['errors', 'index'].includes(area) ? `src/${area}.ts` : `src/${area}`);

/** One zone per area: the areas it may not import. */
const zones = Object.entries(LAYERS).flatMap(([area, allowed]) => {
  const forbidden = Object.keys(LAYERS).filter((other) => other !== area && !allowed.includes(other));
  const message = `${area} may import only ${allowed.join(', ') || 'nothing'} (scripts/layers.mjs)`;
  return forbidden.length ? [{ target: areaPath(area), from: forbidden.map(areaPath), message }] : [];
});

/** Output must be the same in every locale: strings compare by code unit (util/code-unit.ts). */
const localeMembers = ['localeCompare', 'toLocaleString', 'toLocaleDateString', 'toLocaleTimeString', 'toLocaleLowerCase', 'toLocaleUpperCase'].map((property) => ({
  property,
  message: 'depends on the locale: compare by code unit (util/code-unit.ts), format without the locale',
}));

const sideEffect = 'only the modules of SIDE_EFFECT_FILES (scripts/layers.mjs) touch the file system or the process';
const fileSystemImports = ['fs', 'fs/promises', 'child_process', 'process'].flatMap((name) => [name, `node:${name}`]).map((name) => ({ name, message: sideEffect }));
const processMembers = ['env', 'cwd', 'argv', 'exit', 'stdout', 'stderr'].map((property) => ({ object: 'process', property, message: sideEffect }));

export default defineConfig(
  {
    ignores: ['dist/', 'bench/work/', 'test/golden/', 'test/fixtures/', 'test/codegen/expected/', 'test/conformance/kasane/', 'src/k8s/lifecycle-data.ts', 'src/k8s/schema/k8s-1.*.ts', 'src/k8s/api/'],
  },
  {
    files: ['**/*.ts', '**/*.mjs'],
    languageOptions: { parser: tseslint.parser },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      eqeqeq: ['error', 'always'],
      'no-var': 'error',
      'prefer-const': 'error',
    },
  },
  {
    files: ['**/*.ts'],
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      // `import('…')` types stay allowed: the layering test reads them as imports.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver()] },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
      'no-restricted-globals': ['error', { name: 'Intl', message: 'depends on the locale: output must be the same in every locale' }],
      'no-restricted-properties': ['error', ...localeMembers],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: SIDE_EFFECT_FILES.map((glob) => `src/${glob}`),
    rules: {
      'no-restricted-imports': ['error', { paths: fileSystemImports }],
      'no-restricted-properties': ['error', ...localeMembers, ...processMembers],
    },
  },
);
