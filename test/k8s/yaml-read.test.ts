import { describe, expect, test } from 'vitest';
import { MAX_ALIAS_VALUES, MAX_DEPTH, readYaml } from '../../src/k8s/yaml-read.ts';

const kubectl = { dialect: 'kubectl' } as const;
const codes = (input: string | Uint8Array) => readYaml(input, kubectl).problems.map((p) => [p.code, p.line]);
const values = (input: string | Uint8Array) => readYaml(input, kubectl).documents.map((d) => d.value);

const LAUGHS = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(',')}]`)].join('\n');

describe('readYaml', () => {
  test('gives a clip block scalar that ends the input without a line break no trailing newline, when read as Kustomize reads it (go-yaml)', () => {
    const values = (input: string) => readYaml(input, { dialect: 'kustomize' }).documents.map((d) => d.value);
    expect(values('a: |\n  x\n  y')).toEqual([{ a: 'x\ny' }]);
    expect(values('a: >\n  f\n  g')).toEqual([{ a: 'f g' }]);
    expect(values('a: |\n  x\n')).toEqual([{ a: 'x\n' }]);
    expect(values('a: |+\n  x\n\n')).toEqual([{ a: 'x\n\n' }]);
    expect(values('a: | # note\n  x\nb: |\n  y')).toEqual([{ a: 'x\n', b: 'y' }]);
    expect(values('a: |\n  x\n---\nb: |\n  y')).toEqual([{ a: 'x\n' }, { b: 'y' }]);
  });

  test('refuses bytes that are not UTF-8, naming the line', () => {
    expect(codes(Buffer.from('a: 1\nb: "\xff\xfe"\n', 'latin1'))).toEqual([['not-utf8', 2]]);
    expect(readYaml(Buffer.from('a: 1\nb: "\xc3"\n', 'latin1'), kubectl).problems[0]!.message).toBe('expected UTF-8 text, found the byte 0xc3 at line 2');
  });

  test('reads UTF-8 with a byte-order mark and UTF-16 in both byte orders, as go-yaml does', () => {
    const text = 'a: é\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    for (const input of [Buffer.from(`\uFEFF${text}`), le, be]) expect(values(input)).toEqual([{ a: 'é' }]);
  });

  test('refuses control characters as go-yaml does, naming the line; escaped ones are fine', () => {
    expect(codes('a: 1\nb: "x\u0000y"\n')).toEqual([['control-character', 2]]);
    expect(codes('a: \u0085\u00a0\t\n')).toEqual([]);
    expect(values('a: "x\\0y\\x01"\n')).toEqual([{ a: 'x\u0000y\u0001' }]);
  });

  test('refuses an alias bomb quickly and still reads the other documents of the stream', () => {
    const read = readYaml(`${LAUGHS}\n---\nok: 1\n`, kubectl);
    expect(read.problems.map((p) => [p.code, p.document])).toEqual([['alias-bomb', 0]]);
    expect(read.problems[0]!.message).toBe(`expected aliases to add at most ${MAX_ALIAS_VALUES} values to a document, found more (an alias bomb?)`);
    expect(read.documents.map((d) => d.value)).toEqual([{ ok: 1 }]);
  });

  test('copies what an alias refers to, so a change to one copy leaves the other alone', () => {
    const [doc] = values('a: &x {k: [1]}\nb: *x\n') as [{ a: { k: number[] }; b: { k: number[] } }];
    doc.a.k.push(2);
    expect(doc.b).toEqual({ k: [1] });
  });

  test('refuses an alias inside its own anchor', () => {
    expect(readYaml('a: &a [*a]\n', kubectl).problems.map((p) => p.message)).toEqual(["anchor 'a' contains an alias to itself"]);
  });

  test.each([
    ['flow lists', (n: number) => `a: ${'['.repeat(n)}${']'.repeat(n)}\n`],
    ['block maps', (n: number) => `${Array.from({ length: n }, (_, i) => `${' '.repeat(i)}k:`).join('\n')} 1\n`],
  ])('refuses nesting of %s beyond the limit without a stack overflow', (_, nest) => {
    expect(codes(nest(MAX_DEPTH - 2))).toEqual([]);
    for (const n of [MAX_DEPTH + 2, 3000]) expect(codes(nest(n)).map(([c]) => c)).toEqual(['too-deep']);
  });

  test('keeps __proto__ and constructor keys as plain data, at the top and below', () => {
    const [doc] = values('__proto__: {polluted: yes}\nconstructor: 1\ndata:\n  __proto__: x\n') as [Record<string, unknown>];
    expect(Object.getPrototypeOf(doc)).toBe(Object.prototype);
    expect(Object.keys(doc)).toEqual(['__proto__', 'constructor', 'data']);
    expect(Object.getOwnPropertyDescriptor(doc, '__proto__')!.value).toEqual({ polluted: true });
    expect(Object.getOwnPropertyDescriptor(doc.data, '__proto__')!.value).toBe('x');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('keeps integers beyond 2^53 - 1 exact, as bigints', () => {
    expect(values('a: 9007199254740993\nb: 9007199254740991\nc: -9223372036854775808\nd: 0x7FFFFFFFFFFFFFFF\ne: 9007199254740992\n')).toEqual([
      { a: 9007199254740993n, b: 9007199254740991, c: -9223372036854775808n, d: 9223372036854775807n, e: 9007199254740992n },
    ]);
  });

  test('refuses duplicate keys, also when two spellings give one key', () => {
    expect(readYaml('a: 1\na: 2\n', kubectl).problems.map((p) => [p.code, p.message, p.line])).toEqual([['duplicate-key', 'expected each key once in a map, found "a" twice', 2]]);
    expect(codes('on: 1\n"true": 2\n').map(([c]) => c)).toEqual(['duplicate-key']);
  });

  test('reads a quoted scalar whose next lines are not indented, as kubectl does, keeping later line numbers', () => {
    const read = readYaml('a:\n  b: "one\ntwo"\n  c: \'x\n  y\'\n---\nd: [\n', kubectl);
    expect(read.documents.map((d) => d.value)).toEqual([{ a: { b: 'one two', c: 'x y' } }]);
    expect(read.problems.map((p) => [p.code, p.document, p.line])).toEqual([['invalid-yaml', 1, 8]]);
  });

  test('ends a block scalar that ends the input without a line break with none for Kustomize, with one for kubectl', () => {
    // Checked with kubectl 1.32: `kubectl kustomize` prints "x\ny" and "x\n", `kubectl create --dry-run` reads "x\ny\n".
    const text = 'a: |\n  x\n---\nb: |\n  x\n  y';
    expect(readYaml(text, { dialect: 'kustomize' }).documents.map((d) => d.value)).toEqual([{ a: 'x\n' }, { b: 'x\ny' }]);
    expect(readYaml(text, kubectl).documents.map((d) => d.value)).toEqual([{ a: 'x\n' }, { b: 'x\ny\n' }]);
    expect(readYaml(`${text}\n`, { dialect: 'kustomize' }).documents.map((d) => d.value)).toEqual([{ a: 'x\n' }, { b: 'x\ny\n' }]);
  });

  test('refuses %YAML and %TAG directives, which kubectl cannot read', () => {
    expect(codes('%YAML 1.1\n---\na: 1\n').map(([c]) => c)).toEqual(['invalid-yaml']);
    expect(codes('%TAG !e! tag:example.com,2000:\n---\na: !e!x 1\n').map(([c]) => c)).toEqual(['invalid-yaml']);
  });

  test('records the node of every map with the key each pair gave, for comments', () => {
    const [doc] = readYaml('# head\non: 1 # trailing\n<<: {x: 2}\n', { dialect: 'kubectl', keepNodes: true }).documents;
    const source = doc!.nodes!.get(doc!.value as object)!;
    expect(source.keys).toEqual(['true', undefined]);
    expect(source.node.items).toHaveLength(2);
  });
});
