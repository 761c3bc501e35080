/**
 * The generated values modules of every corpus chart: they compile with tsc, accept the chart's
 * defaults and the corpus override, and reject a misspelt key, both in tsc and when parsed.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import type { z } from 'zod';
import { vendoredValuesShape } from '../../src/charts/chart-values-input.ts';
import { treeDigest } from '../../src/charts/digest.ts';
import { checkChartValues } from '../../src/charts/values-check.ts';
import { generateChartTypes } from '../../src/codegen/chart-values.ts';
import { lowerCamel, pascalCase } from '../../src/codegen/identifiers.ts';
import { printLiteral } from '../../src/codegen/literal.ts';
import { corpus, corpusChart, corpusCharts, repo } from './corpus.ts';

interface Case {
  name: string;
  module: string;
  defaults: Record<string, unknown>;
  override: Record<string, unknown>;
  key: string;
  misspelt: string;
}

const base = (name: string) => lowerCamel(pascalCase(name));
const typeName = (name: string) => `${pascalCase(name)}Values`;

/** A key of the defaults with one letter left out, which the chart does not have. */
function misspell(defaults: Record<string, unknown>): { key: string; misspelt: string } {
  const key = Object.keys(defaults).find((k) => k.length >= 5 && /^[a-z]+[A-Za-z]*$/.test(k) && !Object.hasOwn(defaults, k.slice(0, 1) + k.slice(2)))!;
  return { key, misspelt: key.slice(0, 1) + key.slice(2) };
}

/** The ingress-nginx override sets `controller.tcp["2222"]`, which the chart does not read (see values-shape.test.ts). */
function withoutKnownMistakes(name: string, override: Record<string, unknown>): Record<string, unknown> {
  if (name !== 'ingress-nginx') return override;
  const copy = structuredClone(override) as { controller: { tcp?: Record<string, unknown> } };
  delete copy.controller.tcp;
  return copy;
}

async function makeCase(name: string): Promise<Case> {
  const chart = await corpusChart(name);
  const read = vendoredValuesShape(name, chart.files);
  if ('finding' in read) throw new Error(read.finding.message);
  const meta = parse(readFileSync(path.join(chart.dir, 'Chart.yaml'), 'utf8')) as { name: string; version: string };
  const module = generateChartTypes({ name, chart: meta.name, version: String(meta.version), digest: treeDigest(chart.files), from: read.from, shape: read.shape });
  const defaults = (parse(readFileSync(path.join(chart.dir, 'values.yaml'), 'utf8'), { version: '1.1' }) ?? {}) as Record<string, unknown>;
  const override = parse(readFileSync(path.join(corpus, name, 'values-override.yaml'), 'utf8'), { version: '1.1' }) as Record<string, unknown>;
  expect(checkChartValues(name, read.shape, { [misspell(defaults).misspelt]: 1 })[0]?.message).toContain(`did you mean '${misspell(defaults).key}'`);
  return { name, module, defaults, override: withoutKnownMistakes(name, override), ...misspell(defaults) };
}

function usage(cases: readonly Case[]): string {
  const lines: string[] = [];
  for (const c of cases) {
    const v = base(c.name);
    lines.push(`import { ${v}Values, type ${typeName(c.name)} } from './${c.name}.ts';`);
  }
  for (const c of cases) {
    const v = base(c.name);
    lines.push(`export const ${v}Defaults: ${typeName(c.name)} = ${printLiteral(c.defaults)};`);
    lines.push(`export const ${v}Override: ${typeName(c.name)} = ${printLiteral(c.override)};`);
    lines.push('// @ts-expect-error a misspelt key');
    lines.push(`export const ${v}Misspelt: ${typeName(c.name)} = { ${JSON.stringify(c.misspelt)}: ${JSON.stringify(c.defaults[c.key])} };`);
    lines.push(`export const ${v}Schema = ${v}Values;`);
  }
  lines.push('// @ts-expect-error TCP services are top-level: controller.tcp takes configMapNamespace and annotations');
  lines.push("export const nginxTcp: IngressNginxValues = { controller: { tcp: { '2222': 'gitea/gitea-ssh:22' } } };");
  return `${lines.join('\n')}\n`;
}

const cases: Case[] = [];
beforeAll(async () => {
  for (const name of corpusCharts) cases.push(await makeCase(name));
});

describe('generated chart values modules', () => {
  test('compile with tsc, take the defaults and the overrides, and reject misspelt keys', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kasane-chart-types-'));
    for (const c of cases) writeFileSync(path.join(dir, `${c.name}.ts`), c.module);
    writeFileSync(path.join(dir, 'usage.ts'), usage(cases));
    const tsconfig = {
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: 'ES2022',
        lib: ['ES2022'],
        types: [],
        skipLibCheck: true,
        module: 'preserve',
        moduleResolution: 'bundler',
        allowImportingTsExtensions: true,
        verbatimModuleSyntax: true,
        paths: { kasane: [path.join(repo, 'dist/index.d.ts')] },
      },
      include: ['*.ts'],
    };
    writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
    const r = spawnSync(process.execPath, [path.join(repo, 'node_modules/typescript/bin/tsc'), '-p', dir], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  test('parse the defaults and the overrides, and reject misspelt keys, at run time', async () => {
    // Under node_modules so that the module's `zod` import resolves to this checkout's.
    const dir = path.join(repo, 'node_modules/.cache/kasane-test-chart-types');
    mkdirSync(dir, { recursive: true });
    for (const c of cases) {
      const file = path.join(dir, `${c.name}.ts`);
      writeFileSync(file, c.module.replace("import { z } from 'kasane';", "import { z } from 'zod';"));
      const schema = (await import(file))[`${base(c.name)}Values`] as z.ZodType;
      expect(schema.safeParse(c.defaults).error?.issues, c.name).toBeUndefined();
      expect(schema.safeParse(c.override).error?.issues, c.name).toBeUndefined();
      const bad = schema.safeParse({ [c.misspelt]: c.defaults[c.key] });
      expect(
        bad.error?.issues.map((i) => i.code),
        c.name,
      ).toEqual(['unrecognized_keys']);
    }
  });
});
