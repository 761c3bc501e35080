/**
 * `kasane validate -f` on hostile or broken input: each problem is an input error with its own
 * code, file and line (exit 2), never an internal error, and the other files are still read.
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { MAX_ALIAS_VALUES, MAX_DEPTH } from '../../src/k8s/yaml-read.ts';
import { runCli, writeProject } from '../helpers/project.ts';

const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\ndata:\n  a: "1"\n';
const LAUGHS = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\n${['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(',')}]`)].join('\n')}\n`;

/** Runs `validate -f <args>` in a folder holding `files` (written byte for byte). */
async function validateFiles(files: Record<string, string | Buffer>, args: string[]) {
  const dir = writeProject({});
  for (const [f, content] of Object.entries(files)) writeFileSync(path.join(dir, f), content);
  return runCli(['validate', '-f', ...args], dir);
}

function codes(stderr: string): string[] {
  return [...stderr.matchAll(/code: (\S+)/g)].map((m) => m[1]!);
}

describe('kasane validate -f on hostile input', () => {
  test('reports an alias bomb in a folder and still validates the other files', async () => {
    const r = await validateFiles({ 'a-bomb.yaml': LAUGHS, 'b.yaml': CM.replace('name: ok', 'name: Bad_Name') }, ['.']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error: expected aliases to add at most ${MAX_ALIAS_VALUES} values to a document, found more (an alias bomb?) (a-bomb.yaml:5)`);
    expect(codes(r.stderr)).toEqual(['load/alias-bomb', 'schema/invalid-name']);
    expect(r.stderr).not.toContain('internal error');
  });

  test('refuses /dev/zero as too large', async () => {
    if (!existsSync('/dev/zero')) return;
    const r = await runCli(['validate', '-f', '/dev/zero'], writeProject({}));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("expected at most 64 MiB in '/dev/zero', found more");
    expect(codes(r.stderr)).toEqual(['load/input-too-large']);
  });

  test('refuses nesting beyond the limit without a stack overflow', async () => {
    const r = await validateFiles({ 'deep.yaml': `${CM}spec: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n` }, ['deep.yaml']);
    expect(r.code).toBe(2);
    expect(codes(r.stderr)).toEqual(['load/too-deep']);
    expect(r.stderr).toContain(`expected at most ${MAX_DEPTH} levels of nesting, found more`);
    expect(r.stderr).not.toContain('Maximum call stack');
  });

  test('refuses text that is not UTF-8, naming the file and line, as kubectl kustomize does', async () => {
    const r = await validateFiles({ 'latin1.yaml': Buffer.from(`${CM}  b: "caf\xe9"\n`, 'latin1') }, ['latin1.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error: expected UTF-8 text, found the byte 0xe9 at line 7 (latin1.yaml:7)');
    expect(codes(r.stderr)).toEqual(['load/not-utf8']);
  });

  test('reports a list item that is not an object instead of dropping it', async () => {
    const r = await validateFiles({ 'list.yaml': `apiVersion: v1\nkind: List\nitems:\n- ${CM.trimEnd().replaceAll('\n', '\n  ')}\n- 5\n` }, ['list.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error: expected items[1] of List to be a Kubernetes object (apiVersion, kind, metadata.name), found a number (list.yaml:1)');
    expect(codes(r.stderr)).toEqual(['load/invalid-list-item']);
  });

  test('reads a top-level __proto__ or constructor key as a field, which validation reports', async () => {
    const r = await validateFiles({ 'proto.yaml': `${CM}__proto__:\n  polluted: true\nconstructor: 1\n` }, ['proto.yaml']);
    expect(r.code).toBe(1);
    expect(codes(r.stderr)).toEqual(['schema/unknown-field', 'schema/unknown-field']);
    expect(r.stderr).toContain("ConfigMap/ok › __proto__: unknown field '__proto__'");
  });

  test('reads YAML 1.1 booleans as kubectl does', async () => {
    const r = await validateFiles({ 'cm.yaml': `${CM}  b: yes\n` }, ['cm.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('ConfigMap/ok › data.b: expected string, found boolean true');
  });

  test('reads integers beyond 2^53 with every digit and checks their range', async () => {
    const job =
      'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  activeDeadlineSeconds: 9223372036854775807\n  backoffLimit: 9007199254740993\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox:1.36\n';
    const r = await validateFiles({ 'job.yaml': job }, ['job.yaml']);
    expect(codes(r.stderr).filter((c) => !c.startsWith('policy/'))).toEqual(['schema/out-of-range']);
    expect(r.stderr).toContain('Job/j › spec.backoffLimit: expected a 32-bit integer (-2147483648 to 2147483647), found number 9007199254740993');
  });
});
