import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, test } from 'vitest';
import { bundleMapper } from '../../src/load/bundle.ts';

/** Bundles `source` as `component.ts` the way the loader does (ESM, linked source map). */
async function bundled(source: string): Promise<{ lines: string[]; map: ReturnType<typeof bundleMapper>; file: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kasane-map-'));
  const file = path.join(dir, 'component.ts');
  writeFileSync(file, source);
  const outfile = path.join(dir, 'bundle.mjs');
  await build({ entryPoints: [file], outfile, bundle: true, format: 'esm', platform: 'node', sourcemap: 'linked', logLevel: 'error' });
  const payload = JSON.parse(readFileSync(`${outfile}.map`, 'utf8'));
  return { lines: readFileSync(outfile, 'utf8').split('\n'), map: bundleMapper(payload, (s) => path.resolve(dir, s)), file };
}

describe('bundleMapper', () => {
  test('maps a call in the bundle to the line and column the user wrote it at', async () => {
    const { lines, map, file } = await bundled('const a = 1;\n\nexport function f(): number {\n  return Math.max(a, 2);\n}\n');
    const line = lines.findIndex((l) => l.includes('Math.max')) + 1;
    const column = lines[line - 1]!.indexOf('Math.max') + 1;
    expect(map(line, column)).toEqual({ file, line: 4, column: 10 });
  });

  test('maps a position on a line without segments to nothing, not to the line above', async () => {
    const { lines, map } = await bundled('export const a = Math.max(1, 2);\n');
    // The comment that links the map comes after mapped code and has no segment of its own.
    const line = lines.findIndex((l) => l.startsWith('//# sourceMappingURL=')) + 1;
    const mapped = lines.findIndex((l) => l.includes('Math.max')) + 1;
    expect(mapped).toBeGreaterThan(0);
    expect(line).toBeGreaterThan(mapped);
    expect(map(mapped, 1)).toBeDefined();
    expect(map(line, 1)).toBeUndefined();
    expect(map(lines.length + 5, 1)).toBeUndefined();
  });
});
