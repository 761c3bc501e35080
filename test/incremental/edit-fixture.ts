/**
 * The project the incremental render tests edit, the edits they pick from, and the check that
 * a render through the cache writes and reports exactly what a render from scratch does.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { runCli, snapshotTree, writeProject } from '../helpers/project.ts';

/** A project whose one Secret holds a value in plain text, in its code (for the plain-text Secret guard). */
export const PLAIN_SECRET_PROJECT: Record<string, string> = {
  'components/db.ts': `
    import { defineComponent, secret, z } from 'kasane';

    export default defineComponent({ name: 'db', values: z.object({}), build: () => [secret({ name: 'db', stringData: { password: 'in-the-code' } })] });
  `,
  'environments/dev.ts': `
    import { defineEnvironment } from 'kasane';
    import db from '../components/db.ts';

    export default defineEnvironment({ name: 'dev', namespace: 'dev', components: [db] });
  `,
};

/** Component `name` whose replicas, image and a label come from the arguments (edited by the tests). */
export function componentFile(name: string, replicas: number, label: string): string {
  return `
    import { container, defineComponent, deployment, service, z } from 'kasane';
    import { teamLabels } from '../lib/labels.ts';

    export default defineComponent({
      name: '${name}',
      values: z.object({ replicas: z.number().int().min(1).default(${replicas}), image: z.string().default('example/${name}:1.0.0') }),
      build(values) {
        const d = deployment({
          name: '${name}',
          labels: { ...teamLabels, tier: '${label}' },
          replicas: values.replicas,
          containers: [container({ name: '${name}', image: values.image, ports: { http: 8080 } })],
        });
        return [d, service({ for: d, ports: [{ port: 80, targetPort: 'http' }] })];
      },
    });
  `;
}

export function labelsFile(team: string): string {
  return `export const teamLabels = { team: '${team}' };\n`;
}

export function baseFile(prefix: string): string {
  return `
    import { configMapGenerator, defineEnvironment } from 'kasane';
    import api from '../components/api.ts';
    import web from '../components/web.ts';

    export default defineEnvironment({
      name: 'base',
      abstract: true,
      components: [api, web],
      commonLabels: { app: '${prefix}' },
      generators: [configMapGenerator({ name: 'settings', files: ['settings.properties'] })],
    });
  `;
}

export function leafFile(env: string, replicas: number, image: string): string {
  return `
    import { defineEnvironment } from 'kasane';
    import base from './base.ts';
    import api from '../components/api.ts';

    export default defineEnvironment({ name: '${env}', extends: base, namespace: '${env}', components: [api.with({ replicas: ${replicas}, image: '${image}' })] });
  `;
}

/** The project every test starts from: two components, a shared module, a generator input, two environments over a base. */
export function project(): string {
  return writeProject({
    'components/api.ts': componentFile('api', 1, 'backend'),
    'components/web.ts': componentFile('web', 2, 'frontend'),
    'lib/labels.ts': labelsFile('shop'),
    'environments/base.ts': baseFile('shop'),
    'environments/dev.ts': leafFile('dev', 1, 'example/api:1.0.0'),
    'environments/prod.ts': leafFile('prod', 3, 'example/api:1.0.0'),
    'environments/settings.properties': 'mode=on\n',
  });
}

/**
 * What a render reported about the project: its findings, without the times, the notes about
 * the cache and the lines that name the output folder.
 */
export function reported(stderr: string): string[] {
  return stderr.split('\n').filter((line) => !/ ms$|^(load|commit): |^note: |→/.test(line));
}

/**
 * Renders with the cache (and the object memo) and from scratch, and expects the same bytes
 * and the same findings; returns the environments the cache served.
 */
export async function renderBothWays(dir: string): Promise<string[]> {
  const cached = await runCli(['render', '--timings'], dir);
  expect(cached.code, cached.stderr).toBe(0);
  rmSync(path.join(dir, 'cold'), { recursive: true, force: true });
  const cold = await runCli(['render', '--no-cache', '--out', 'cold'], dir);
  expect(cold.code, cold.stderr).toBe(0);
  expect(snapshotTree(path.join(dir, 'rendered'))).toEqual(snapshotTree(path.join(dir, 'cold')));
  expect(reported(cached.stderr)).toEqual(reported(cold.stderr));
  const check = await runCli(['render', '--check'], dir);
  expect(check.code, check.stderr).toBe(0);
  return [...cached.stderr.matchAll(/^(\w+): cache \d+\.\d ms/gm)].map((m) => m[1]!);
}

/** A small deterministic generator (mulberry32), so a failing sequence can be replayed from its seed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The edits a sequence picks from: each rewrites one input of the render. */
export const EDITS: ((dir: string, n: number) => [string, string])[] = [
  (_, n) => ['components/api.ts', componentFile('api', 1 + (n % 4), 'backend')],
  (_, n) => ['components/web.ts', componentFile('web', 2, n % 2 ? 'frontend' : 'edge')],
  (_, n) => ['lib/labels.ts', labelsFile(n % 2 ? 'shop' : 'store')],
  (_, n) => ['environments/base.ts', baseFile(n % 2 ? 'shop' : 'market')],
  (_, n) => ['environments/dev.ts', leafFile('dev', 1 + (n % 3), 'example/api:1.0.0')],
  (_, n) => ['environments/prod.ts', leafFile('prod', 3 + (n % 3), `example/api:1.${n % 2}.0`)],
  (_, n) => ['environments/settings.properties', `mode=${n % 3}\n`],
];
