/**
 * Dependency direction and side effects, checked from each source file's import lines:
 * stages never import the CLI, lower layers never import higher ones, and only the modules
 * meant to touch the file system import `node:fs`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

const src = path.resolve(import.meta.dirname, '../src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const abs = path.join(dir, name);
    return statSync(abs).isDirectory() ? files(abs) : name.endsWith('.ts') ? [abs] : [];
  });
}

/** `{ area, file }` of a source file: its top folder under src/ (or its own name at the top). */
function areaOf(abs: string): string {
  const rel = path.relative(src, abs);
  return rel.includes(path.sep) ? rel.split(path.sep)[0]! : rel.replace(/\.ts$/, '');
}

const imports = files(src).map((file) => {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/^(import|export)(\s+type)?[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => ({ spec: m[3]!, typeOnly: !!m[2] }));
  return { file, area: areaOf(file), specs };
});

/** Which areas each area may import (values); type-only imports may also reach `types`. */
const allowed: Record<string, { values: string[]; types?: string[] }> = {
  errors: { values: [] },
  k8s: { values: ['errors', 'k8s'] },
  builders: { values: ['errors', 'k8s', 'builders'] },
  secrets: { values: ['errors', 'k8s', 'secrets'] },
  project: { values: ['errors', 'k8s', 'project'], types: ['overlay', 'validate', 'charts'] },
  overlay: { values: ['errors', 'k8s', 'overlay', 'project'] },
  validate: { values: ['errors', 'k8s', 'validate'] },
  render: { values: ['errors', 'k8s', 'render'] },
  codegen: { values: ['errors', 'k8s', 'codegen', 'render', 'load', 'charts'] },
  charts: { values: ['errors', 'k8s', 'charts', 'render'] },
  load: { values: ['errors', 'k8s', 'project', 'load'] },
  pipeline: { values: ['errors', 'k8s', 'project', 'overlay', 'validate', 'render', 'secrets'] },
  init: { values: ['init', 'k8s'] },
  explain: { values: ['errors', 'k8s', 'project', 'overlay', 'pipeline', 'secrets'] },
  import: { values: ['errors', 'k8s', 'import', 'builders', 'codegen', 'render', 'overlay', 'project', 'load', 'pipeline', 'validate', 'secrets'] },
  index: { values: ['errors', 'k8s', 'builders', 'project', 'overlay', 'validate', 'render', 'load', 'pipeline', 'explain', 'secrets', 'codegen'] },
  cli: { values: ['errors', 'k8s', 'builders', 'project', 'overlay', 'validate', 'render', 'load', 'pipeline', 'explain', 'secrets', 'import', 'codegen', 'init', 'charts', 'cli'] },
};

/** Files allowed to use the file system. */
const fsAllowed = [/^load\//, /^import\//, /^render\/write(-[a-z]+)?\.ts$/, /^cli\//, /^codegen\/fs\.ts$/, /^charts\/(helm-process|vendor-fs)\.ts$/];

describe('architecture', () => {
  test('every area is known', () => {
    expect([...new Set(imports.map((i) => i.area))].filter((a) => !allowed[a])).toEqual([]);
  });

  test('imports point down only', () => {
    const bad: string[] = [];
    for (const { file, area, specs } of imports) {
      for (const { spec, typeOnly } of specs) {
        if (!spec.startsWith('.')) continue;
        const resolved = path.resolve(path.dirname(file), spec);
        // Import lines inside template strings (init's scaffold) name files that do not exist here.
        if (!existsSync(resolved)) continue;
        const target = areaOf(resolved);
        const rule = allowed[area]!;
        const ok = target === area || rule.values.includes(target) || (typeOnly && (rule.types ?? []).includes(target));
        if (!ok) bad.push(`${path.relative(src, file)} imports ${spec} (${area} → ${target})`);
      }
    }
    expect(bad).toEqual([]);
  });

  test('only the loader, importers, writer and CLI touch the file system or the process', () => {
    const bad = imports
      .filter(({ file }) => !fsAllowed.some((re) => re.test(path.relative(src, file).split(path.sep).join('/'))))
      .filter(({ file, specs }) => specs.some((s) => /^node:(fs|child_process)/.test(s.spec)) || /process\.(env|cwd|argv|exit|stdout|stderr)\b/.test(readFileSync(file, 'utf8')))
      .map(({ file }) => path.relative(src, file));
    expect(bad).toEqual([]);
  });

  test('the public API is listed by name', () => {
    const index = readFileSync(path.join(src, 'index.ts'), 'utf8');
    expect(index).not.toMatch(/export \* from/);
  });
});
