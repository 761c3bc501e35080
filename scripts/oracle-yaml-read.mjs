#!/usr/bin/env node
/**
 * Regenerates test/oracle/yaml-read/readings.json: how kubectl reads YAML scalars, keys and
 * small documents, in the two ways a manifest reaches the API server:
 *
 * - `kubectl`: `kubectl apply -f` / `create -f` (sigs.k8s.io/yaml over go-yaml v2, YAML 1.1),
 *   observed with `kubectl label --local -f FILE -o json`, which reads files the same way and
 *   needs no cluster;
 * - `kustomize`: a resource file of a Kustomize tree, built by `kubectl kustomize` and the
 *   output then read as above (what `kubectl apply -k` sends);
 * - `kustomize-patch`: the same value arriving through a strategic-merge patch file.
 *
 * Each reading is the JSON kubectl prints, with numbers kept as their exact text
 * (`{"$n": "9223372036854775807"}`), or `{"error": "..."}` when kubectl refuses the input.
 * kasane's reader (src/k8s/yaml-read.ts) must give the same value for every case.
 *
 * Usage: node scripts/oracle-yaml-read.mjs   (needs kubectl on the PATH)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(repo, 'test', 'oracle', 'yaml-read', 'readings.json');

/** Plain scalars, written after `v: ` (YAML 1.1 types, Go's number syntax, edge cases). */
// prettier-ignore
const VALUES = [
  // integers
  '0', '1', '-1', '+1', '-0', '00', '0644', '0755', '0777', '0008', '08', '09.5', '0o17', '0O17', '0x1F', '0X1F', '-0x1F', '+0x1F',
  '0x', '0xG', '0b101', '0B101', '-0b101', '0b', '0b2', '1_000', '1__0', '_1', '1_', '0_x1F', '+_1', '1_000.5',
  '9007199254740992', '9007199254740993', '-9007199254740993', '9223372036854775807', '9223372036854775808',
  '-9223372036854775808', '-9223372036854775809', '18446744073709551615', '18446744073709551616',
  '123456789012345678901234567890', '-123456789012345678901234567890', '0x7FFFFFFFFFFFFFFF', '0x8000000000000000',
  '0xFFFFFFFFFFFFFFFF', '0xFFFFFFFFFFFFFFFFFF', '07777777777777777777777', '0b1111111111111111111111111111111111111111111111111111111111111111',
  '1:30', '190:20:30', '1,000',
  // floats
  '1.5', '-1.5', '+1.5', '.5', '-.5', '+.5', '1.', '1.0', '1e3', '1E3', '1e+3', '1e-3', '1.5e3', '12e03', '1e400', '-1e400',
  '1e-400', '9007199254740993.0', '.inf', '-.inf', '+.inf', '.Inf', '.INF', '.NaN', '.nan', '.NAN', 'inf', 'nan', '0x1p-2',
  '1e', '.', '..5', '._5', '.e3', '3.14159265358979', '0.1', '1e21', '1e20', '100000000000000000000', '1.7976931348623157e308',
  '1.5_0', '1_0.5', '6.8523015e+5', '685.230_15e+03',
  // booleans and nulls
  'y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'on', 'On', 'ON',
  'off', 'Off', 'OFF', 'yEs', 'oN', 'tRUE', '~', 'null', 'Null', 'NULL', 'nULL', '',
  // timestamps
  '2001-12-14', '2001-12-14t21:59:43.10-05:00', '2001-12-14T21:59:43.10Z', '2001-12-14 21:59:43.10', '2001-12-14 21:59:43.10 -5',
  '2001-1-2', '2001-02-29', '2000-02-29', '2001-12-14T21:59:43+00:00', '2001-12-14T21:59:43.123456789123Z', '2001-13-01',
  '2001-12-14T24:00:00Z', '12001-12-14', '2001-12-14T21:59:43.10+05:30', '2001-12-14T21:59:43',
  // strings that look like something
  '<<', '=', '-', 'abc', '1.2.3', '1e3e3', '0b1.1', '1-2', '+', '-.', '+-1', '--1', '0x-1', 'Infinity', '-Infinity', 'NaN',
  // quoted and tagged
  '"0644"', "'0644'", '"yes"', "'yes'", '"~"', '""', '!!str 0644', '!!str yes', '!!str ~', '!!int "0644"', '!!int 0644',
  '!!int "0x1F"', '!!float 1', '!!float "1.5"', '!!float 0x1F', '!!bool yes', '!!bool "on"', '!!int 1.5', '!!bool 1', '!!null ""',
  '!!null ~', '!!binary aGVsbG8=', '!!binary "aGVs\\nbG8="', '!!binary "!!!"', '!!timestamp 2001-12-14', '!!timestamp "2001-12-14"',
  '!foo 0644', '!foo yes', '!!str 9223372036854775808', '!!int 9223372036854775808', '!!float 9007199254740993',
  '"\\x01"', '"a\\u0000b"', '"\\uD800"',
  // block scalars
  '|\n  0644\n', '>\n  yes\n',
];

/** Keys, written as `<key>: 1`. */
// prettier-ignore
const KEYS = [
  'on', 'yes', 'y', 'n', 'No', 'true', 'False', '0644', '0x1F', '1_000', '1.5', '1e3', '0.1', '3.14159265358979', '1e20', '-0.0',
  '~', 'null', '""', '2001-12-14', '9223372036854775807', '9223372036854775808', '18446744073709551615', '.inf', '.nan', '"on"',
  "'0644'", '!!str 0644', '[a, b]', '{a: 1}', '"a\\nb"', '__proto__', 'constructor',
];

/** Whole `spec:` bodies: anchors, merge keys, duplicate keys, nesting. */
const DOCUMENTS = {
  'alias of a map': 'spec:\n  a: &x {k: 1}\n  b: *x\n',
  'merge key': 'spec:\n  base: &b {a: 1, b: 2}\n  m:\n    <<: *b\n    b: 3\n',
  'merge key after an explicit key': 'spec:\n  base: &b {a: 1, b: 2}\n  m:\n    b: 3\n    <<: *b\n',
  'merge key with a list': 'spec:\n  x: &x {a: 1, b: 1}\n  y: &y {b: 2, c: 2}\n  m:\n    <<: [*x, *y]\n',
  'quoted merge key': 'spec:\n  base: &b {a: 1}\n  m:\n    "<<": *b\n',
  'tagged merge key': 'spec:\n  base: &b {a: 1}\n  m:\n    !!merge <<: *b\n',
  'merge key with a scalar': 'spec:\n  m:\n    <<: 1\n',
  'duplicate keys': 'spec:\n  a: 1\n  a: 2\n',
  'duplicate keys after conversion': 'spec:\n  on: 1\n  "true": 2\n',
  'a set': 'spec:\n  s: !!set {a, b}\n',
  'an ordered map': 'spec:\n  o: !!omap [a: 1, b: 2]\n',
  'a tagged map': 'spec:\n  t: !custom {a: 1}\n',
  'a map tagged as a string': 'spec:\n  t: !!str {a: 1}\n',
  'a null key': 'spec:\n  ~: 1\n',
  'an anchor on a scalar': 'spec:\n  a: &v 0644\n  b: *v\n',
  'a flow sequence of scalars': 'spec:\n  a: [0644, yes, ~, "on", 1e3]\n',
  'flow map entries without values': 'spec:\n  f: {a, b: }\n',
  'block map entries without values': 'spec:\n  ? k\n  g:\n',
  'prototype keys': 'spec:\n  __proto__: {polluted: yes}\n  constructor: 1\n  toString: 2\n',
  'a multi-line plain scalar': 'spec:\n  a: one\n    two\n',
  'a quoted scalar continued at the key indentation': 'spec:\n  a: "one\n  two"\n',
  'a tab in a plain scalar': 'spec:\n  a: x\ty\n',
  'a recursive alias': 'spec:\n  a: &a [*a]\n',
  'a yaml 1.1 directive': '%YAML 1.1\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\nspec:\n  a: yes\n',
  'a yaml 1.2 directive': '%YAML 1.2\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\nspec:\n  a: yes\n  b: 0644\n',
};

const HEAD = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n';

function kubectl(args, input) {
  const run = spawnSync('kubectl', args, { input, encoding: 'utf8' });
  if (run.error) throw run.error;
  if (run.status !== 0)
    return {
      error: run.stderr
        .trim()
        .split('\n')
        .pop()
        .replace(/^E\d+ [\d:.]+ +\d+ \S+\] /, ''),
    };
  return { stdout: run.stdout };
}

/** JSON text → value with numbers as `{ $n: text }`, so no digit is lost. */
function parseExact(text) {
  let i = 0;
  const ws = () => {
    while (/\s/.test(text[i] ?? '')) i++;
  };
  const value = () => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const obj = {};
      ws();
      if (text[i] === '}') return (i++, obj);
      for (;;) {
        ws();
        const key = value();
        ws();
        i++; // :
        Object.defineProperty(obj, key, { value: value(), enumerable: true, writable: true, configurable: true });
        ws();
        if (text[i++] === '}') return obj;
      }
    }
    if (c === '[') {
      i++;
      const arr = [];
      ws();
      if (text[i] === ']') return (i++, arr);
      for (;;) {
        arr.push(value());
        ws();
        if (text[i++] === ']') return arr;
      }
    }
    if (c === '"') {
      const start = i;
      for (i++; text[i] !== '"'; i++) if (text[i] === '\\') i++;
      return JSON.parse(text.slice(start, ++i));
    }
    const m = /^(true|false|null|-?[0-9][0-9.eE+-]*)/.exec(text.slice(i));
    i += m[0].length;
    return m[0] === 'true' ? true : m[0] === 'false' ? false : m[0] === 'null' ? null : { $n: m[0] };
  };
  return value();
}

/** What kubectl reads from `text` (a whole file), as the `spec` of the object it holds. */
function readByKubectl(dir, text) {
  const file = join(dir, 'in.yaml');
  writeFileSync(file, text);
  const got = kubectl(['label', '--local', '-f', file, 'kasane-oracle=1', '-o', 'json']);
  if (got.error) return got;
  const spec = parseExact(got.stdout).spec;
  return { value: spec === undefined ? null : spec };
}

/** What `kubectl apply -k` would send for a tree whose resource is `text`, optionally patched by `patch`. */
function readByKustomize(dir, text, patch) {
  const tree = join(dir, 'tree');
  rmSync(tree, { recursive: true, force: true });
  mkdirSync(tree);
  writeFileSync(join(tree, 'r.yaml'), patch === undefined ? text : `${HEAD}spec:\n  base: 1\n`);
  const patches = patch === undefined ? '' : 'patches:\n- path: p.yaml\n';
  if (patch !== undefined) writeFileSync(join(tree, 'p.yaml'), patch);
  writeFileSync(join(tree, 'kustomization.yaml'), `resources:\n- r.yaml\n${patches}`);
  const built = kubectl(['kustomize', tree]);
  if (built.error) return built;
  const read = readByKubectl(dir, built.stdout);
  if (read.error || patch === undefined || read.value === null) return read;
  const { base: _base, ...rest } = read.value;
  return { value: rest };
}

function indent(text, pad) {
  return text
    .split('\n')
    .map((l, i) => (i === 0 || l === '' ? l : pad + l))
    .join('\n');
}

function main() {
  const dir = mkdtempSync(join(tmpdir(), 'kasane-yaml-oracle-'));
  const result = { values: [], keys: [], documents: [] };
  try {
    for (const v of VALUES) {
      const text = `${HEAD}spec:\n  v: ${indent(v, '  ')}\n`;
      const patch = `${HEAD}spec:\n  v: ${indent(v, '  ')}\n`;
      const pick = (r) => (r.error ? r : { value: r.value?.v });
      result.values.push({ source: v, kubectl: pick(readByKubectl(dir, text)), kustomize: pick(readByKustomize(dir, text)), 'kustomize-patch': pick(readByKustomize(dir, text, patch)) });
    }
    for (const k of KEYS) {
      const text = `${HEAD}spec:\n  ${indent(k, '  ')}: 1\n`;
      const pick = (r) => (r.error ? r : { value: Object.keys(r.value ?? {}) });
      result.keys.push({ source: k, kubectl: pick(readByKubectl(dir, text)), kustomize: pick(readByKustomize(dir, text)) });
    }
    for (const [name, body] of Object.entries(DOCUMENTS)) {
      const text = body.startsWith('%') ? body : `${HEAD}${body}`;
      result.documents.push({ name, source: text, kubectl: readByKubectl(dir, text), kustomize: readByKustomize(dir, text) });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(dirname(out), { recursive: true });
  const version = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).stdout.trim().split('\n').join('; ');
  writeFileSync(out, `${JSON.stringify({ generatedBy: 'scripts/oracle-yaml-read.mjs', kubectl: version, ...result }, null, 1)}\n`);
  console.log(`wrote ${out}: ${result.values.length} values, ${result.keys.length} keys, ${result.documents.length} documents`);
}

main();
