import { test } from 'vitest';
import { Command } from 'commander';
import { makeDiffCommand } from '../../src/cli/commands/diff.ts';
test('x', async () => {
  let out = '', err = '', code = 0;
  const io = { stdout: (t: string) => { out += t; }, stderr: (t: string) => { err += t; }, cwd: '/work/main', env: {} };
  const p = new Command('kasane').exitOverride().addCommand(makeDiffCommand(io, (c) => { code = c; }));
  await p.parseAsync((process.env.ARGS ?? 'diff staging prod').split(' '), { from: 'user' });
  console.log(out, err, code);
});
