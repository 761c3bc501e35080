// Every temporary folder a test makes (mkdtemp under os.tmpdir()) lands in one folder per run,
// removed when the run ends, so a test run leaves nothing behind in the system's temp folder.
// Set KASANE_KEEP_TEST_TMP=1 to keep it for inspection; its path is printed then.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(path.join(tmpdir(), 'kasane-tests-'));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    if (process.env.KASANE_KEEP_TEST_TMP) console.log(`test temp folder kept: ${root}`);
    else rmSync(root, { recursive: true, force: true });
  };
}
