/**
 * `chartRequests` from `kasane/pipeline`, as a program that renders chart components itself
 * uses it: a loaded project's chart component gives one request with the environment's values
 * layered over the base's, the release, namespace, Kubernetes version and APIs; a misspelt
 * value is a finding with the near match; without the rendered charts, `render` says
 * each chart component was not rendered. No helm is needed: the pipeline runs no process.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { chartRequests, loadProject, render, type LoadedProject, type VendoredChartInfo } from '../../src/entries/pipeline.ts';
import { writeProject } from '../helpers/project.ts';

const COMPONENT = `
  import { helmChart, z } from 'kasane';

  const values = z.object({ replicaCount: z.number().default(1), ui: z.object({ message: z.string().default('') }).strict().default({ message: '' }) }).strict();
  export default helmChart({ name: 'web', chart: 'podinfo', values, apiVersions: ['example.com/v1'] });
`;

function environment(name: string, values: string): string {
  return `
    import { defineEnvironment } from 'kasane';
    import base from './base.ts';
    import web from '../components/web.ts';

    export default defineEnvironment({ name: '${name}', extends: base, namespace: 'shop', components: [web.with(${values})] });
  `;
}

// Typed by its own schema, the component never asks the vendored chart for one.
const vendored = new Map<string, VendoredChartInfo>([['podinfo', { digest: 'sha256:0', values: () => ({ finding: { severity: 'error', code: 'charts/unused', message: 'not asked' } }) }]]);

describe('chartRequests from kasane/pipeline', () => {
  let project: LoadedProject;
  beforeAll(async () => {
    const dir = writeProject({
      'kasane.config.ts': `export default { kubernetesVersion: '1.31', charts: [{ name: 'podinfo', repository: './charts/podinfo' }] };\n`,
      'components/web.ts': COMPONENT,
      'environments/base.ts': `
        import { defineEnvironment } from 'kasane';
        import web from '../components/web.ts';

        export default defineEnvironment({ name: 'base', abstract: true, components: [web.with({ replicaCount: 2 })] });
      `,
      'environments/prod.ts': environment('prod', "{ ui: { message: 'hello' } }"),
      'environments/typo.ts': environment('typo', "{ ui: { mesage: 'hello' } } as never"),
    });
    project = await loadProject(dir);
  }, 60_000);

  test('gives what helm is to render for a chart component, values layered from the base down', () => {
    const { requests, findings } = chartRequests(project, 'prod', { vendored });
    expect(findings).toEqual([]);
    expect(requests).toEqual([
      expect.objectContaining({
        component: 'web',
        chart: 'podinfo',
        release: 'web',
        namespace: 'shop',
        namespaceSet: true,
        values: { replicaCount: 2, ui: { message: 'hello' } },
        kubeVersion: '1.31',
        apiVersions: ['example.com/v1'],
        includeCrds: true,
        hooks: 'keep',
      }),
    ]);
    expect(chartRequests(project, 'prod', { vendored, kubernetesVersion: '1.32' }).requests[0]!.kubeVersion).toBe('1.32');
  });

  test('a misspelt value is a finding with the near match, and no request', () => {
    const { requests, findings } = chartRequests(project, 'typo', { vendored });
    expect(requests).toEqual([]);
    expect(findings).toEqual([expect.objectContaining({ code: 'values/unknown-key', env: 'typo' })]);
    expect(findings[0]!.message).toContain('message');
  });

  test('a chart that is not vendored gives no request; render without the rendered charts says so', () => {
    expect(chartRequests(project, 'prod', { vendored: new Map() }).requests).toEqual([]);
    const result = render(project, 'prod');
    expect(result.findings.map((f) => f.code)).toContain('charts/not-rendered');
  });
});
