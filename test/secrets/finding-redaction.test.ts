/**
 * Every finding the pipeline returns is redacted with every secret value it met, whatever the
 * stage that wrote the message: patches, transforms, validation, a user's exception.
 */
import { describe, expect, test } from 'vitest';
import { loadProject } from '../../src/load/load-project.ts';
import { render } from '../../src/pipeline/render.ts';
import { writeProject } from '../helpers/project.ts';

const CANARY = 'canary-Lit-5b1d9e-never-print';
const CANARY64 = Buffer.from(CANARY).toString('base64');

function project(environment: string, extra: Record<string, string> = {}): Promise<Awaited<ReturnType<typeof loadProject>>> {
  return loadProject(
    writeProject({
      'components/app.ts': `
        import { defineComponent, secret, service, z } from 'kasane';

        export default defineComponent({
          name: 'app',
          values: z.object({ password: z.string() }),
          build: (v) => [
            secret({ name: 'literal', stringData: { password: v.password } }),
            service({ name: 'web', selector: { app: 'web' }, ports: [{ port: 80 }] }),
          ],
        });
      `,
      'environments/prod.ts': environment,
      ...extra,
    }),
  );
}

const env = (overlay: string) => `
  import { defineEnvironment, jsonPatch, secretGenerator } from 'kasane';
  import app from '../components/app.ts';

  export default defineEnvironment({ name: 'prod', namespace: 'shop', components: [app.with({ password: ${JSON.stringify(CANARY)} })], ${overlay} });
`;

function expectRedacted(findings: readonly object[], code: string): void {
  const text = JSON.stringify(findings);
  expect(findings.map((f) => (f as { code: string }).code)).toContain(code);
  expect(text).not.toContain(CANARY);
  expect(text).not.toContain(CANARY64);
  expect(text).toContain('<redacted>');
}

describe('findings of the pipeline', () => {
  test('never quote a generated Secret value when a JSON patch test fails on it', async () => {
    const p = await project(
      env(`generators: [secretGenerator({ name: 'gen', literals: ['api=${CANARY}'] })], patches: [jsonPatch({ kind: 'Secret', name: 'gen' }, [{ op: 'test', path: '/data/api', value: 'guess' }])]`),
    );
    expectRedacted(render(p, 'prod').findings, 'overlay/json-patch-test-failed');
  });

  test('never quote a Secret value written in code when a JSON patch test fails on it', async () => {
    const p = await project(env(`patches: [jsonPatch({ kind: 'Secret', name: 'literal' }, [{ op: 'test', path: '/stringData/password', value: 'guess' }])]`));
    expectRedacted(render(p, 'prod').findings, 'overlay/json-patch-test-failed');
  });

  test('never quote a Secret value from an env file of a generator that cannot be read', async () => {
    const p = await project(env(`generators: [secretGenerator({ name: 'gen', envs: ['app.env'] })]`), { 'environments/app.env': `API ${CANARY}\n` });
    expectRedacted(render(p, 'prod').findings, 'overlay/invalid-env-file');
  });

  test("never quote a Secret value in a user's exception or its stack", async () => {
    const p = await project(env(`transforms: [(objects) => { const s = objects.find((o) => o.kind === 'Secret'); throw new Error('bad secret ' + JSON.stringify(s)); }]`));
    expectRedacted(render(p, 'prod').findings, 'overlay/transform-threw');
  });

  test('never quote a Secret value in a schema finding about another object', async () => {
    const p = await project(
      env(`transforms: [(objects) => objects.map((o) => (o.kind === 'Service' ? { ...o, spec: { ...o.spec, type: (objects.find((s) => s.kind === 'Secret') as any).stringData.password } } : o))]`),
    );
    expectRedacted(render(p, 'prod').findings, 'schema/invalid-enum');
  });
});
