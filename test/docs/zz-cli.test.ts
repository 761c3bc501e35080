import { test } from 'vitest';
import { writeFileSync } from 'node:fs';
import { runCli } from '../helpers/project.ts';
test('cli', async () => {
  const r = await runCli(JSON.parse(process.env.ARGS!), process.env.DIR!);
  writeFileSync('/tmp/cli-out.txt', r.stdout); writeFileSync('/tmp/cli-err.txt', r.stderr); writeFileSync('/tmp/cli-code.txt', String(r.code));
});
