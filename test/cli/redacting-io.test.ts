import { describe, expect, test } from 'vitest';
import { redactingIo, rememberSecrets, writeSecretOutput } from '../../src/cli/redacting-io.ts';
import type { CliIo } from '../../src/cli/io.ts';
import { runCli, writeProject } from '../helpers/project.ts';

const CANARY = 'canary-9f3b2c71-do-not-print';

function recording(): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd: '/', env: {} }, out, err };
}

describe('redactingIo', () => {
  test('redacts on stdout and stderr every value remembered before the write', () => {
    const { io, out, err } = recording();
    const gate = redactingIo(io);
    gate.stdout(`before ${CANARY}\n`);
    rememberSecrets(gate, [CANARY]);
    gate.stdout(`after ${CANARY} ${Buffer.from(CANARY).toString('base64')}\n`);
    gate.stderr(`error: "${CANARY}"\n`);
    expect(out).toEqual([`before ${CANARY}\n`, 'after <redacted> <redacted>\n']);
    expect(err).toEqual(['error: "<redacted>"\n']);
  });

  test('writes rendered output as it is through writeSecretOutput only', () => {
    const { io, out } = recording();
    const gate = redactingIo(io);
    rememberSecrets(gate, [CANARY]);
    writeSecretOutput(gate, `password: ${CANARY}\n`);
    expect(out).toEqual([`password: ${CANARY}\n`]);
  });

  test('leaves an io it did not wrap alone', () => {
    const { io, out } = recording();
    rememberSecrets(io, [CANARY]);
    io.stdout(CANARY);
    expect(out).toEqual([CANARY]);
  });
});

describe('the output gate on a project', () => {
  test('hides a secret value everywhere but leaves the ones the output shows in the clear', async () => {
    const dir = writeProject({
      'components/db.ts': `
        import { defineComponent, service, z } from 'kasane';

        export default defineComponent({ name: 'db', values: z.object({}), build: () => [service({ name: 'postgres', selector: { app: 'postgres' }, ports: [{ port: 5432 }] })] });
      `,
      'environments/dev.ts': `
        import { defineEnvironment, secretGenerator } from 'kasane';
        import db from '../components/db.ts';

        export default defineEnvironment({ name: 'dev', namespace: 'dev', components: [db], generators: [secretGenerator({ name: 'db', literals: ['host=postgres', 'port=5432', 'password=${CANARY}'] })] });
      `,
    });
    const list = await runCli(['list', 'dev'], dir);
    expect(list.stdout).toContain('Service/dev/postgres');
    const explain = await runCli(['explain', 'dev', 'Service/postgres', '--json'], dir);
    expect(JSON.parse(explain.stdout)).toMatchObject({ object: { name: 'postgres' } });
    const validate = await runCli(['validate', '--json'], dir);
    expect(validate.stdout + validate.stderr).not.toContain(CANARY);
    expect(validate.stdout).toContain('postgres');
  });
});
