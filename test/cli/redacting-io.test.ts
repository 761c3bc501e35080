import { describe, expect, test } from 'vitest';
import { redactingIo, rememberSecrets, writeSecretOutput } from '../../src/cli/redacting-io.ts';
import type { CliIo } from '../../src/cli/io.ts';

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
