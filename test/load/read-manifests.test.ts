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
import { MAX_INPUT_BYTES } from '../../src/k8s/input-findings.ts';
import { MAX_TOTAL_INPUT_BYTES, parseManifests, readManifests } from '../../src/load/read-manifests.ts';
import { runCli } from '../helpers/project.ts';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'kasane-read-'));
const noStdin = async () => '';

const configMap = (i: number, value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  key: "${value}"\n  num: 0o17\n  flag: yes\n`;

describe('parseManifests', () => {
  test('gives the values kubectl reads and the line of each document, List items included', () => {
    const text = [configMap(1, 'a\\tb'), 'kind: List\napiVersion: v1\nitems:\n- {apiVersion: v1, kind: Secret, metadata: {name: s}}\n', configMap(2, 'x'.repeat(100))].join('---\n');
    const { resources, findings } = parseManifests(text, 'in.yaml');
    expect(findings).toEqual([]);
    // kubectl (YAML 1.1): 0o17 is 15 and yes is true (test/oracle/yaml-read/readings.json).
    const cm = (i: number, key: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}` }, data: { key, num: 15, flag: true } });
    expect(resources.map((r) => r.object)).toEqual([cm(1, 'a\tb'), { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } }, cm(2, 'x'.repeat(100))]);
    // Documents start on lines 1, 10 and 15; the List's items carry the List's line.
    expect(resources.map((r) => r.source!.line)).toEqual([1, 10, 15]);
  });

  test('names the line of a syntax error in a later document', () => {
    const { findings } = parseManifests(`${configMap(1, 'a')}---\na: [b\n`, 'in.yaml');
    expect(findings).toMatchObject([{ code: 'load/invalid-yaml', source: { file: 'in.yaml', line: 11 } }]);
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
  test(`refuses a file over ${MAX_INPUT_BYTES / 2 ** 20} MiB and still reads the others`, async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'a.yaml'), configMap(1, 'a'));
    writeFileSync(path.join(dir, 'huge.yaml'), '');
    truncateSync(path.join(dir, 'huge.yaml'), MAX_INPUT_BYTES + 1);
    const { resources, findings } = await readManifests(['.'], dir, noStdin);
    expect(resources.map((r) => r.object.metadata.name)).toEqual(['cm-1']);
    expect(findings).toMatchObject([
      { code: 'load/input-too-large', source: { file: 'huge.yaml' }, message: `expected at most ${MAX_INPUT_BYTES / 2 ** 20} MiB in '${path.join(dir, 'huge.yaml')}', found more` },
    ]);
  });

  test('counts every input against one budget for the run', async () => {
    const dir = tmp();
    for (const name of ['a', 'b', 'c']) writeFileSync(path.join(dir, `${name}.yaml`), configMap(1, name));
    const size = configMap(1, 'a').length;
    // A budget of two and a half files: a and b are read, c takes the run past it.
    const { resources, findings } = await readManifests(['.'], dir, noStdin, { maxTotalBytes: size * 2.5 });
    expect(resources).toHaveLength(2);
    expect(findings).toMatchObject([{ code: 'load/input-too-large', source: { file: 'c.yaml' } }]);
    expect(MAX_TOTAL_INPUT_BYTES).toBe(256 * 2 ** 20);
  });

  test('stops reading standard input past the limit', async () => {
    let asked = 0;
    const { findings } = await readManifests(['-'], tmp(), async (limit) => {
      asked = limit;
      return new Uint8Array(limit + 1);
    });
    expect(asked).toBe(MAX_INPUT_BYTES);
    expect(findings).toMatchObject([{ code: 'load/input-too-large', source: { file: '<stdin>' } }]);
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
    expect(r.stderr).toContain(`expected at most ${MAX_INPUT_BYTES / 2 ** 20} MiB in '/dev/zero', found more`);
    expect(r.stderr).toContain('code: load/input-too-large');
  });
});
