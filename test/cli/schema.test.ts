/**
 * `kasane schema <component>`: the values as JSON Schema, checked by an independent JSON Schema
 * validator (Ajv, draft 2020-12) against the component's own defaults and against values the
 * component refuses.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, test } from 'vitest';
import { loadProject } from '../../src/load/load-project.ts';
import { componentNamed } from '../../src/tools/values-schema.ts';
import { runCli, writeProject } from '../helpers/project.ts';

const web = `
  import { configMap, defineComponent, z } from 'kasane';

  export default defineComponent({
    name: 'web',
    values: z.object({
      replicas: z.number().int().min(1).default(2),
      mode: z.enum(['blue', 'green']).default('blue'),
      hosts: z.array(z.string().min(1)).default(['example.com']),
      resources: z.object({ cpu: z.string().default('100m'), memory: z.string().default('128Mi') }).default({ cpu: '100m', memory: '128Mi' }),
      annotations: z.record(z.string(), z.string()).default({}),
      owner: z.string().optional(),
    }),
    build: (v) => [configMap({ name: 'web', data: { mode: v.mode } })],
  });
  `;

function project(extra: Record<string, string> = {}): string {
  return writeProject({
    'components/web.ts': web,
    'environments/prod.ts': `
      import { defineEnvironment } from 'kasane';
      import web from '../components/web.ts';
      export default defineEnvironment({ name: 'prod', components: [web.with({ replicas: 3 })] });
      `,
    ...extra,
  });
}

describe('kasane schema', () => {
  test("prints JSON Schema that accepts the component's defaults and refuses what zod refuses", async () => {
    const root = project();
    const result = await runCli(['schema', 'web'], root);
    expect(result.code, result.stderr).toBe(0);
    const schema = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.title).toBe('values of component web');

    const validate = new Ajv2020({ strict: true }).compile(schema);
    const component = componentNamed((await loadProject(root)).environments, 'web');
    const defaults = component.values.parse({});
    expect(defaults).toEqual({ replicas: 2, mode: 'blue', hosts: ['example.com'], resources: { cpu: '100m', memory: '128Mi' }, annotations: {} });
    expect(validate(defaults), JSON.stringify(validate.errors)).toBe(true);
    // Every field has a default or is optional: nothing at all is valid too, as for zod.
    expect(validate({})).toBe(true);
    for (const bad of [{ replicas: 0 }, { replicas: 1.5 }, { mode: 'red' }, { hosts: [''] }, { resources: { cpu: 1 } }, { annotations: { a: 1 } }]) {
      expect(component.values.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
      expect(validate(bad), JSON.stringify(bad)).toBe(false);
    }
  });

  test('writes the schema to a file, from another folder with -C', async () => {
    const root = project();
    const elsewhere = writeProject({});
    const result = await runCli(['schema', 'web', '--out', 'schemas/web.json', '-C', root], elsewhere);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('web: values schema written to schemas/web.json\n');
    expect(readFileSync(path.join(elsewhere, 'schemas/web.json'), 'utf8')).toBe((await runCli(['schema', 'web'], root)).stdout);
  });

  test('names the components there are when the name is unknown (exit 2)', async () => {
    const result = await runCli(['schema', 'wbe'], project());
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain("no environment uses a component 'wbe' (did you mean 'web'?)");
    expect(result.stderr).toContain('code: schema/unknown-component');
  });

  test('refuses values JSON Schema cannot express, naming the component and its file (exit 2)', async () => {
    const root = project({
      'components/clock.ts': `
        import { configMap, defineComponent, z } from 'kasane';
        export default defineComponent({
          name: 'clock',
          values: z.object({ since: z.date().default(new Date(0)) }),
          build: () => [configMap({ name: 'clock', data: {} })],
        });
        `,
      'environments/dev.ts': `
        import { defineEnvironment } from 'kasane';
        import clock from '../components/clock.ts';
        export default defineEnvironment({ name: 'dev', components: [clock] });
        `,
    });
    const result = await runCli(['schema', 'clock'], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("the values of component 'clock' cannot be written as JSON Schema: Date cannot be represented in JSON Schema");
    expect(result.stderr).toContain('code: schema/not-representable');
    expect(result.stderr).toContain('components/clock.ts:');
  });

  test('refuses a name two different components share (exit 2)', async () => {
    const root = project({
      'components/web2.ts': web.replace('data: { mode: v.mode }', 'data: {}'),
      'environments/dev.ts': `
        import { defineEnvironment } from 'kasane';
        import web from '../components/web2.ts';
        export default defineEnvironment({ name: 'dev', components: [web] });
        `,
    });
    const result = await runCli(['schema', 'web'], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("2 different components are named 'web'");
    expect(result.stderr).toContain('code: schema/ambiguous-component');
  });
});
