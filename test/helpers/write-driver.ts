/**
 * A process that writes environments and can be killed at a given step, for the tests of what
 * a kill leaves behind: `node write-driver.mjs <out> <envs as JSON> [<step to die at>]`.
 * Exits 0 when written, 2 with the error code on stdout when kasane refused.
 */
import { isKasaneError } from '../../src/errors.ts';
import { writeEnvironments } from '../../src/output/write.ts';
import { rendered } from './rendered.ts';

const [out, spec, killAt] = process.argv.slice(2);
const envs = Object.entries(JSON.parse(spec!) as Record<string, Record<string, string>>).map(([env, files]) => rendered(env, files));
let step = 0;
try {
  await writeEnvironments(out!, envs, {
    onStep: () => {
      if (String(step++) === killAt) process.kill(process.pid, 'SIGKILL');
    },
  });
} catch (error) {
  if (!isKasaneError(error)) throw error;
  process.stdout.write(`${error.code}\n`);
  process.exitCode = 2;
}
