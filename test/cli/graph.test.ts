import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli, smallProject } from '../helpers/project.ts';

const graphCli = (argv: string[], cwd: string) => runCli(['graph', ...argv], cwd);

const diagram = 'flowchart LR\n  Deployment_dev_api["Deployment api"]\n  Service_dev_api["Service api"]\n  Service_dev_api -->|selects| Deployment_dev_api\n';

describe('kasane graph', () => {
  test('prints the Mermaid flowchart on stdout when no --out is given', async () => {
    expect(await graphCli(['dev'], smallProject())).toEqual({ code: 0, stdout: diagram, stderr: '' });
  });

  test('writes a fenced block when --out names a Markdown file', async () => {
    const dir = smallProject();
    const r = await graphCli(['dev', '--out', 'docs/dev.md'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('dev: graph of 2 objects written to docs/dev.md\n');
    expect(readFileSync(path.join(dir, 'docs/dev.md'), 'utf8')).toBe('```mermaid\n' + diagram + '```\n');
  });

  test('exits 2 with the finding when the environment does not exist', async () => {
    const r = await graphCli(['nope'], smallProject());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nope');
  });
});
