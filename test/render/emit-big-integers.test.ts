/**
 * Integers beyond 2^53 leave the emitter with every digit, and kubectl reads them back to the
 * same value (checked with `kubectl label --local -o json` where kubectl is installed, and with
 * kasane's reader, which matches kubectl's on the committed oracle, everywhere).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { readYaml } from '../../src/k8s/yaml-read.ts';
import { emitDocument } from '../../src/render/emit.ts';

const hasKubectl = spawnSync('kubectl', ['version', '--client']).status === 0;
if (!hasKubectl) console.warn('skipping the kubectl part of the big-integer emitter test: kubectl not found');

const spec = {
  maxInt64: 9223372036854775807n,
  minInt64: -9223372036854775808n,
  aboveSafe: 9007199254740993n,
  twoTo60: 2n ** 60n,
  maxUint64: 18446744073709551615n,
  huge: 1e21,
};
const object = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big' }, spec };

describe('emitDocument with big integers', () => {
  test('writes every digit of bigints', () => {
    expect(emitDocument(spec)).toBe(
      ['aboveSafe: 9007199254740993', 'huge: 1e+21', 'maxInt64: 9223372036854775807', 'maxUint64: 18446744073709551615', 'minInt64: -9223372036854775808', 'twoTo60: 1152921504606846976', ''].join(
        '\n',
      ),
    );
  });

  test('reads back to the same values through the kubectl reading', () => {
    const [doc] = readYaml(emitDocument(object), { dialect: 'kubectl' }).documents;
    // 2^64 - 1 is beyond int64: kubectl holds it as the float64 2^64.
    expect((doc!.value as typeof object).spec).toStrictEqual({ ...spec, maxUint64: 2 ** 64 });
  });

  test.skipIf(!hasKubectl)('kubectl reads the written digits as the same int64 values', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'kasane-big-')), 'cm.yaml');
    writeFileSync(file, emitDocument(object));
    const run = spawnSync('kubectl', ['label', '--local', '-f', file, 'x=y', '-o', 'json'], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    for (const line of ['"maxInt64": 9223372036854775807', '"minInt64": -9223372036854775808', '"aboveSafe": 9007199254740993', '"twoTo60": 1152921504606846976']) {
      expect(run.stdout).toContain(line);
    }
  });
});
