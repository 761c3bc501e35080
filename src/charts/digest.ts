/**
 * The content digest of a chart: the same for a packaged chart (.tgz) and for the folder it
 * unpacks to, so the lock file can be checked against the vendor folder offline.
 *
 * Files are sorted by relative `/`-separated path (code unit order; a tgz's top `<chart>/`
 * folder left out), and for each one `path NUL sha256(content) LF` is hashed; the digest is
 * `sha256:` and the hex of the whole. Modes, owners and times do not count: helm reads none of
 * them, and git does not keep them.
 */
import { createHash } from 'node:crypto';
import { compareCodeUnits } from '../util/code-unit.ts';

/** The hex SHA-256 of some bytes. */
export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The digest of a chart's files by relative path: `sha256:<hex>`. */
export function treeDigest(files: ReadonlyMap<string, Uint8Array>): string {
  const hash = createHash('sha256');
  for (const file of [...files.keys()].sort(compareCodeUnits)) hash.update(`${file}\0${sha256Hex(files.get(file)!)}\n`);
  return `sha256:${hash.digest('hex')}`;
}
