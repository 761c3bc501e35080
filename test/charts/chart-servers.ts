/**
 * Chart sources on localhost for the vendoring tests: a classic chart repository (index.yaml and
 * packaged charts behind a small HTTP server) and a real OCI registry (Debian's docker-registry),
 * each started and stopped by the test. No network beyond 127.0.0.1.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A server the test stops. */
export interface Running {
  url: string;
  stop(): Promise<void>;
}

/** Serves the files of `dir` over HTTP on 127.0.0.1 (a free port). */
export async function serveFolder(dir: string): Promise<Running> {
  const server: Server = createServer((req, res) => {
    const file = path.join(dir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}`, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Runs helm synchronously; throws with its stderr when it fails. */
export function helmSync(binary: string, args: string[], env: Record<string, string>): string {
  const r = spawnSync(binary, args, { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`helm ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout + r.stderr;
}

/** `helm package` of a chart folder into `out`; returns the archive's path. */
export function packageChart(binary: string, chartDir: string, out: string, env: Record<string, string>): string {
  mkdirSync(out, { recursive: true });
  const said = helmSync(binary, ['package', chartDir, '-d', out], env);
  return /saved it to: (.+\.tgz)/.exec(said)![1]!.trim();
}

/** Why the OCI registry tests cannot run here, or undefined when they can. */
export function registryMissing(): string | undefined {
  return existsSync('/usr/bin/docker-registry') ? undefined : 'docker-registry is not installed (apt-get install docker-registry; .ci/run installs it)';
}

/** Starts docker-registry on 127.0.0.1 with a temporary storage folder; resolves when /v2/ answers. */
export async function startRegistry(): Promise<Running & { host: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kasane-registry-'));
  for (let attempt = 0; ; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const config = `version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: ${dir}/data\nhttp:\n  addr: 127.0.0.1:${port}\n`;
    writeFileSync(path.join(dir, 'config.yml'), config);
    const child: ChildProcess = spawn('/usr/bin/docker-registry', ['serve', path.join(dir, 'config.yml')], { stdio: 'ignore' });
    const host = `127.0.0.1:${port}`;
    const up = await waitFor(`http://${host}/v2/`, child);
    const stop = () => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill('SIGTERM'))));
    if (up) return { url: `oci://${host}`, host, stop };
    await stop();
    if (attempt === 4) throw new Error('docker-registry did not start');
  }
}

async function waitFor(url: string, child: ChildProcess): Promise<boolean> {
  for (let i = 0; i < 100 && child.exitCode === null; i++) {
    const ok = await fetch(url).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}
