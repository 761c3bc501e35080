/**
 * `validate -f` input: read one document at a time with the values the yaml package gives, in
 * memory that follows the objects (not the syntax trees, not rope strings), up to a documented
 * size, and from pipes and devices as well as files.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, test } from 'vitest';
import { yaml } from '../../src/util/yaml-lib.ts';
import { MAX_INPUT_BYTES, readLimited } from '../../src/load/read-input.ts';
import { parseManifests, readManifests } from '../../src/load/read-manifests.ts';
import { runCli } from '../helpers/project.ts';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'kasane-read-'));
const noStdin = async () => '';

const configMap = (i: number, value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  key: "${value}"\n  n: 0o17\n  flag: yes\n`;

describe('parseManifests', () => {
  test('gives the values and lines of parseAllDocuments, one document at a time', () => {
    const text = [configMap(1, 'a\\tb'), 'kind: List\napiVersion: v1\nitems:\n- {apiVersion: v1, kind: Secret, metadata: {name: s}}\n', configMap(2, 'x'.repeat(100))].join('---\n');
    const { resources, findings } = parseManifests(text, 'in.yaml');
    expect(findings).toEqual([]);
    const oracle = yaml().parseAllDocuments(text, { version: '1.1' }).map((d) => d.toJS() as { kind: string; items?: unknown[] });
    expect(resources.map((r) => r.object)).toEqual([oracle[0], ...oracle[1]!.items!, oracle[2]]);
    // Documents start on lines 1, 10 and 15; the List's items carry the List's line.
    expect(resources.map((r) => r.source!.line)).toEqual([1, 10, 15]);
  });

  test('names the line of a syntax error in a later document', () => {
    const { findings } = parseManifests(`${configMap(1, 'a')}---\na: [b\n`, 'in.yaml');
    expect(findings).toMatchObject([{ code: 'load/invalid-yaml', source: { file: 'in.yaml', line: 11 } }]);
    expect(findings[0]!.message).toMatch(/ at line 1\d, column \d+$/);
  });

  test('keeps memory near the size of the values, not of the strings the parser built', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const text = Array.from({ length: 2000 }, (_, i) => configMap(i, 'x'.repeat(600))).join('---\n');
    gc();
    const before = getHeapStatistics().used_heap_size;
    const { resources } = parseManifests(text, 'in.yaml');
    gc();
    const held = getHeapStatistics().used_heap_size - before;
    expect(resources).toHaveLength(2000);
    // 2,000 values of 600 characters are 1.2 MB; as ropes of one-character pieces they held ~40 MB.
    expect(held).toBeLessThan(8 * 1024 * 1024);
  });
});

describe('readManifests', () => {
  test(`refuses a file over ${MAX_INPUT_BYTES / 2 ** 20} MiB by its size, without reading it`, async () => {
    const dir = tmp();
    const file = path.join(dir, 'huge.yaml');
    writeFileSync(file, '');
    truncateSync(file, MAX_INPUT_BYTES + 1);
    await expect(readManifests(['huge.yaml'], dir, noStdin)).rejects.toMatchObject({
      code: 'load/input-too-large',
      message: "'huge.yaml' takes the input past 256 MiB, the most kasane validates in one run",
    });
  });

  test('counts every input against the limit together', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'a.yaml'), configMap(1, 'a'));
    writeFileSync(path.join(dir, 'b.yaml'), '');
    // Alone, b.yaml is exactly at the limit; after a.yaml it is past it.
    truncateSync(path.join(dir, 'b.yaml'), MAX_INPUT_BYTES);
    await expect(readManifests(['.'], dir, noStdin)).rejects.toMatchObject({ code: 'load/input-too-large', findings: [expect.objectContaining({ source: { file: 'b.yaml' } })] });
  });

  test('stops reading an endless stream at the limit', async () => {
    async function* endless(): AsyncGenerator<Uint8Array> {
      for (;;) yield new Uint8Array(1024);
    }
    await expect(readLimited(endless(), '<stdin>', 64 * 1024)).rejects.toMatchObject({ code: 'load/input-too-large' });
  });

  test.skipIf(!existsSync('/usr/bin/mkfifo') && !existsSync('/bin/mkfifo'))('reads a named pipe as a file (`-f <(helm template .)`)', async () => {
    const dir = tmp();
    const fifo = path.join(dir, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const writer = spawn(process.execPath, ['-e', `require('fs').writeFileSync(${JSON.stringify(fifo)}, ${JSON.stringify(configMap(1, 'a'))})`]);
    const { resources, findings } = await readManifests([fifo], dir, noStdin);
    await new Promise((resolve) => writer.once('exit', resolve));
    expect(findings).toEqual([]);
    expect(resources.map((r) => r.object.metadata.name)).toEqual(['cm-1']);
  });
});

describe('kasane validate -f on a device', () => {
  test.skipIf(!existsSync('/dev/zero'))('stops /dev/zero at the limit with load/input-too-large, exit 2', async () => {
    const r = await runCli(['validate', '-f', '/dev/zero'], tmp());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error: '/dev/zero' takes the input past 256 MiB, the most kasane validates in one run");
    expect(r.stderr).toContain('code: load/input-too-large');
  });
});
