/**
 * The one module that runs `helm`: finds the binary, checks its version, and runs commands with
 * their input on stdin. Everything it reads from the process comes in as arguments (the CLI
 * passes its environment), so the rest of src/charts/ stays free of the process.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { KasaneError } from '../errors.ts';
import { checkHelmVersion, helmNotFound, parseHelmVersion, type HelmVersion } from './helm-version.ts';

/** What one helm command printed, and how it ended. */
export interface HelmResult {
  /** Exit status; null when a signal ended it. */
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Options of one helm command. */
export interface HelmRunOptions {
  /** Written to helm's standard input (`-f -` reads values from there). @default nothing */
  stdin?: string;
  /** Working folder. @default the folder the runner was made in */
  cwd?: string;
  /** Variables set over the runner's environment (helm's repository list and cache of one run). */
  env?: Readonly<Record<string, string>>;
  /** Ends the command (SIGTERM) when aborted; the result comes once the process has exited. @default never */
  signal?: AbortSignal;
}

/** A checked Helm binary that runs commands. */
export interface HelmRunner {
  binary: string;
  version: HelmVersion;
  run(args: readonly string[], options?: HelmRunOptions): Promise<HelmResult>;
}

/** Where helm is looked for and how it runs. */
export interface HelmEnvironment {
  /** The environment helm runs with; `KASANE_HELM` names the binary, else `PATH` is searched. */
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The helm binary `KASANE_HELM` names, else the first `helm` on `PATH`, else undefined. */
export function locateHelm({ env, cwd }: HelmEnvironment): string | undefined {
  if (env.KASANE_HELM) return path.resolve(cwd, env.KASANE_HELM);
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const file = path.join(dir, 'helm');
    if (isExecutable(file)) return file;
  }
  return undefined;
}

/**
 * Runs `binary` with `args`; never rejects for a failing command, only reports it. An aborted
 * `signal` ends the process, and the promise settles only after it has exited (no process is left
 * behind); aborted before the start, nothing runs and the status is null.
 */
export function runProcess(binary: string, args: readonly string[], env: HelmEnvironment['env'], cwd: string, stdin = '', signal?: AbortSignal): Promise<HelmResult> {
  if (signal?.aborted) return Promise.resolve({ status: null, stdout: '', stderr: '' });
  return new Promise((resolve) => {
    const child = spawn(binary, [...args], { cwd, env: { ...env } as NodeJS.ProcessEnv, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const stop = (): void => void child.kill();
    signal?.addEventListener('abort', stop, { once: true });
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    // A helm that exits before reading its input closes the pipe: that is its answer, not ours.
    child.stdin.on('error', () => undefined);
    child.on('error', (error) => resolve({ status: -1, stdout: '', stderr: error.message }));
    child.on('close', (status) => {
      signal?.removeEventListener('abort', stop);
      resolve({ status, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
    child.stdin.end(stdin);
  });
}

/**
 * Finds helm, checks that kasane supports its version, and returns a runner for it.
 * @throws KasaneError `charts/helm-not-found`, `charts/helm-too-old`, `charts/helm-unsupported`
 */
export async function findHelm(where: HelmEnvironment): Promise<HelmRunner> {
  const binary = locateHelm(where);
  if (!binary) throw new KasaneError(helmNotFound(where.env.KASANE_HELM ? `KASANE_HELM names '${where.env.KASANE_HELM}'` : "no 'helm' on PATH"));
  if (!isExecutable(binary)) throw new KasaneError(helmNotFound(`'${binary}' is not an executable file`));
  const answer = await runProcess(binary, ['version', '--template', '{{.Version}}'], where.env, where.cwd);
  const version = answer.status === 0 ? parseHelmVersion(answer.stdout) : undefined;
  if (!version) {
    const said = (answer.stderr || answer.stdout).trim().split('\n')[0] ?? '';
    throw new KasaneError(helmNotFound(`'${binary} version' ${answer.status === 0 ? `printed ${JSON.stringify(answer.stdout.trim())}, not a version` : `failed${said ? `: ${said}` : ''}`}`));
  }
  const refused = checkHelmVersion(version, binary);
  if (refused) throw new KasaneError(refused);
  return {
    binary,
    version,
    run: (args, options = {}) => runProcess(binary, args, { ...where.env, ...options.env }, options.cwd ?? where.cwd, options.stdin, options.signal),
  };
}
