/**
 * Test harness: write a project from a record `path → content` into a temp folder, run the CLI
 * in process, and snapshot folders byte for byte.
 */
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run } from '../../src/cli/main.ts';

/** Drops the first newline and the common indentation of a template string. */
export function dedent(text: string): string {
  const body = text.replace(/^\n/, '');
  const indents = body
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => /^ */.exec(l)![0].length);
  const cut = Math.min(...indents);
  return body
    .split('\n')
    .map((l) => l.slice(cut))
    .join('\n');
}

/** Writes `files` under a new temp folder and returns its path. */
export function writeProject(files: Record<string, string>, dir = mkdtempSync(path.join(tmpdir(), 'kasane-test-'))): string {
  for (const [file, content] of Object.entries(files)) {
    const abs = path.join(dir, file);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, dedent(content));
  }
  return dir;
}

/** Output of one CLI run. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `kasane <argv>` in process, in folder `cwd`. */
export async function runCli(argv: string[], cwd: string, env: Record<string, string> = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    cwd,
    env,
  });
  return { code, stdout, stderr };
}

/** Every file under `dir` with its bytes (as latin1 text), for before/after comparisons. */
export function snapshotTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    const abs = path.join(dir, rel);
    let entries: string[];
    try {
      entries = readdirSync(abs).sort();
    } catch {
      return;
    }
    for (const name of entries) {
      const child = rel ? `${rel}/${name}` : name;
      if (statSync(path.join(dir, child)).isDirectory()) walk(child);
      else out[child] = readFileSync(path.join(dir, child), 'latin1');
    }
  };
  walk('');
  return out;
}

/** A minimal valid component file: a Deployment and a Service, with `replicas` as its one value. */
export const apiComponent = `
  import { container, defineComponent, deployment, service, z } from 'kasane';

  export default defineComponent({
    name: 'api',
    values: z.object({ replicas: z.number().int().min(1).default(1), image: z.string().default('example/api:1.0.0') }),
    build(values) {
      const api = deployment({
        name: 'api',
        replicas: values.replicas,
        containers: [container({ name: 'api', image: values.image, ports: { http: 8080 } })],
      });
      return [api, service({ for: api, ports: [{ port: 80, targetPort: 'http' }] })];
    },
  });
`;

/** A project with one component and a dev environment, plus overrides. */
export function smallProject(overrides: Record<string, string> = {}): string {
  return writeProject({
    'components/api.ts': apiComponent,
    'environments/dev.ts': `
      import { defineEnvironment } from 'kasane';
      import api from '../components/api.ts';

      export default defineEnvironment({ name: 'dev', namespace: 'dev', components: [api.with({ replicas: 2 })] });
    `,
    ...overrides,
  });
}
