/**
 * An integer beyond 2^53 (a bigint, as import writes it) goes through the whole pipeline:
 * transforms, validation, rendering, diff and explain keep every digit and never crash.
 */
import { describe, expect, test } from 'vitest';
import { runCli, writeProject } from '../helpers/project.ts';

const project = () =>
  writeProject({
    'components/widget.ts': `
      import { defineComponent, resource, z } from 'kasane';

      export default defineComponent({
        name: 'widget',
        values: z.object({}),
        build() {
          return resource({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'w' }, spec: {
            activeDeadlineSeconds: 9223372036854775807n as unknown as number,
            template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36' }] } },
          } });
        },
      });
    `,
    'environments/dev.ts': `
      import { defineEnvironment } from 'kasane';
      import widget from '../components/widget.ts';

      export default defineEnvironment({
        name: 'dev',
        components: [widget],
        transforms: [(objects) => objects.map((o) => ({ ...o, metadata: { ...o.metadata, labels: { team: 'a' } } }))],
      });
    `,
    'environments/prod.ts': `
      import { defineEnvironment } from 'kasane';
      import widget from '../components/widget.ts';

      export default defineEnvironment({ name: 'prod', components: [widget] });
    `,
  });

describe('big integers through the pipeline', () => {
  test('render writes every digit after a transform, and validation accepts an int64', async () => {
    const r = await runCli(['render', 'dev', '--stdout'], project());
    expect(r.stderr).not.toContain('internal error');
    expect(r.stdout).toContain('activeDeadlineSeconds: 9223372036854775807\n');
    expect(r.stderr).not.toContain('schema/');
  });

  test('explain and diff show the value', async () => {
    const dir = project();
    const explain = await runCli(['explain', 'dev', 'Job/w', 'spec.activeDeadlineSeconds'], dir);
    expect(explain.stderr).not.toContain('internal error');
    expect(explain.code).toBe(0);
    expect(explain.stdout).toContain('9223372036854775807');
    const diff = await runCli(['diff', 'dev', 'prod'], dir);
    expect(diff.stderr).not.toContain('internal error');
    expect(diff.stdout).toContain('metadata.labels');
  });
});
