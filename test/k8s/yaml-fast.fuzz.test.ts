/**
 * Property test of the fast YAML path (src/k8s/yaml-fast.ts): seeded random block YAML — nested
 * maps and lists at odd indentations, every scalar style over one line or several, YAML 1.1
 * scalars from the kubectl oracle table, comments, document markers, empty documents, and now
 * and then something the fast path must leave to the full reader (tabs, anchors, tags, repeated
 * keys, flow collections, escapes, directives) — read by readYaml with and without the fast
 * path must give the same documents, lines, values and problems. The fast path must read a
 * good share of the samples, or the test would not test it.
 */
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, test } from 'vitest';
import { readFast } from '../../src/k8s/yaml-fast.ts';
import { MAX_DEPTH, readYaml } from '../../src/k8s/yaml-read.ts';
import { random, type Rng } from '../helpers/random.ts';
import { oracle } from './yaml-oracle.ts';

const oracleScalars = oracle.values.filter((c) => !c.source.includes('\n')).map((c) => c.source);
const oracleKeys = oracle.keys.filter((c) => !c.source.includes('\n')).map((c) => c.source);
const WORDS = ['a', 'b', 'name', 'value', '__proto__', 'constructor', 'on', 'yes', '1', '0x1F', 'a b', 'x-y', 'k:v', 'a#b', 'é', '🙂', '-x', ':x', '?x', '~', '0644', '1_000'];
const ODD_WORDS = ['<<', '-', 'a: b', 'a #c', '? x', ': x'];
const TEXT = ['foo', 'bar baz', '- item', '"q"', "'s'", 'a#b', '', '   ', 'trailing  ', '[x]', '{y}', '*z', '&w', '!t', '|', '>', '%', '@', '`', '\\ e', 'é', '1.5', '? x', 'http://x'];
const ODD_TEXT = ['x: y', 'a #b', '#c', '\tt', 'x:'];
/** The generator of one sample, and how often it picks something odd (0 in most samples). */
type Gen = Rng & { odd: number };

/** Now and then something odd: from `odd` with the sample's probability, else from `usual`. */
const sometimes = <T>(rng: Gen, usual: readonly T[], odd: readonly T[]) => rng.pick(rng.next() < rng.odd ? odd : usual);

/** A scalar that fits after `key: ` or `- `: its lines, later lines without the item's indentation. */
function scalar(rng: Gen, pad: string): string {
  const more = (n: number) => Array.from({ length: n }, () => sometimes(rng, TEXT, ODD_TEXT));
  const cont = (lines: string[]) => lines.map((l) => (l.trim() === '' && rng.next() < 0.5 ? '' : `${pad}${' '.repeat(sometimes(rng, [1, 2, 3], [0]))}${l}`));
  switch (rng.int(10)) {
    case 0:
    case 1:
      return rng.pick(oracleScalars);
    case 2:
      return [sometimes(rng, WORDS, ODD_WORDS), ...cont(more(1 + rng.int(3)))].join('\n');
    case 3:
      return `'${[sometimes(rng, TEXT, ODD_TEXT).replace(/'/g, "''"), ...cont(more(rng.int(3)).map((l) => l.replace(/'/g, "''")))].join('\n')}'`;
    case 4: {
      const escapes = ['\\n', '\\t', '\\"', '\\\\', '\\ ', '\\u00e9', '\\/', '\\ud83d\\ude42', 'plain', '', ' '];
      const oddEscapes = ['\\x41', '\\e', '\\ud800', '\\', '\\q'];
      const body = more(rng.int(3)).map((l) => l.replace(/["\\]/g, '') + sometimes(rng, escapes, oddEscapes));
      return `"${[sometimes(rng, escapes, oddEscapes), ...cont(body)].join('\n')}"`;
    }
    case 5: {
      const header = `${rng.pick(['|', '>'])}${sometimes(rng, ['', '', '-', '+'], ['2', '-1', '+-'])}${rng.next() < 0.2 ? ' # c' : ''}`;
      const lines = more(rng.int(5)).map((l) => (rng.next() < 0.3 ? `${' '.repeat(1 + rng.int(3))}${l}` : l));
      const inner = pad + '  '.repeat(1 + rng.int(2));
      return [header, ...lines.map((l) => (l === '' && rng.next() < 0.5 ? '' : `${inner}${l}`)), ...(rng.next() < 0.3 ? ['', ''] : [])].join('\n');
    }
    case 6:
      return sometimes(rng, ['[]', '{}', '[ ]', '[]  # c', '{ }'], ['[a, b]', '{a: 1}', '&a x', '*a', '!!str 1', '!!int "2"', '[a', '{}x']);
    default:
      return `${sometimes(rng, WORDS, ODD_WORDS)}${rng.next() < 0.2 ? ' # comment' : ''}`;
  }
}

/** A block map or list at indentation `pad`, as the lines after its parent's `key:` or `-`. */
function block(rng: Gen, pad: string, depth: number, list = rng.next() < 0.4): string[] {
  const n = 1 + rng.int(3);
  const between = (i: number) => (i === 0 ? [] : [...(rng.next() < 0.15 ? [`${' '.repeat(rng.int(pad.length + 3))}# note`] : []), ...(rng.next() < 0.1 ? [rng.pick(['', '  '])] : [])]);
  const lead = () => (list ? '- ' : `${rng.next() < 0.2 ? rng.pick(oracleKeys) : rng.next() < 0.1 ? `"${rng.pick(WORDS)}"` : sometimes(rng, WORDS, ODD_WORDS)}:${rng.pick([' ', ' ', '  '])}`);
  return Array.from({ length: n }, (_, i) => [...between(i), ...entry(rng, pad, depth, lead())]).flat();
}

/** An entry (`key: ` or `- `) at `pad` with a scalar on its line or a node below it. */
function entry(rng: Gen, pad: string, depth: number, lead: string): string[] {
  const r = rng.next();
  const item = lead === '- ';
  if (depth < 4 && r < 0.35) {
    const head = `${pad}${lead.trimEnd()}${rng.next() < 0.1 ? ' # c' : ''}`;
    // A map's value may be a list at the map's own indentation.
    if (!item && rng.next() < 0.2) return [head, ...block(rng, pad, depth + 1, true)];
    return [head, ...block(rng, pad + ' '.repeat(sometimes(rng, [1, 2, 3, 4], [0])), depth + 1)];
  }
  if (depth < 4 && item && r < 0.5) {
    // A compact map or list inside a list item.
    const [first, ...rest] = block(rng, `${pad}  `, depth + 1);
    return [`${pad}- ${first!.slice(pad.length + 2)}`, ...rest];
  }
  const [first, ...rest] = scalar(rng, pad).split('\n');
  return [`${pad}${lead}${first}`, ...rest];
}

/** A stream of one to three documents with markers, comments and now and then something odd. */
function sample(seed: number): string {
  const rng: Gen = { ...random(seed), odd: 0 };
  rng.odd = rng.next() < 0.3 ? 0.1 : 0;
  const docs = Array.from({ length: 1 + rng.int(3) }, () => {
    const pad = rng.next() < 0.1 ? ' ' : '';
    const body = rng.next() < 0.1 ? [] : rng.next() < 0.1 ? [scalar(rng, pad)] : block(rng, pad, 0);
    return [...(rng.next() < 0.2 ? ['# head'] : []), ...body].join('\n');
  });
  const marker = () => sometimes(rng, ['---', '--- # doc', '---  '], ['--- x', '...\n---', '%YAML 1.1\n---', '--- |\n  x']);
  let text = (rng.next() < 0.5 ? `${marker()}\n` : '') + docs.join(`\n${marker()}\n`) + (rng.next() < 0.9 ? '\n' : '');
  if (rng.next() < rng.odd) text = text.replace(/\n {2}/, '\n\t');
  return text;
}

const SAMPLES = 3000;

describe('the fast YAML path on random block YAML', () => {
  test.each(['kubectl', 'kustomize'] as const)('reads each sample as the full reader does (%s)', (dialect) => {
    let fast = 0;
    let clean = 0;
    for (let seed = 1; seed <= SAMPLES; seed++) {
      const text = sample(seed);
      const full = readYaml(text, { dialect, fast: false });
      const got = readYaml(text, { dialect });
      if (!isDeepStrictEqual(got, full)) expect(got, `seed ${seed}:\n${text}`).toEqual(full);
      expect(isDeepStrictEqual(got, full), `seed ${seed}:\n${text}`).toBe(true);
      if (readFast(text, dialect, MAX_DEPTH - 8)) fast++;
      if (full.problems.length === 0) clean++;
    }
    console.log(`${dialect}: ${fast} of ${SAMPLES} samples took the fast path; the full reader read ${clean} without a problem`);
    // The fast path reads most of what the full reader reads without a problem, and leaves some
    // of it (anchors, tags, flow collections, escapes) to the full reader.
    expect(fast).toBeGreaterThan(SAMPLES * 0.2);
    expect(fast).toBeGreaterThan(clean * 0.6);
    expect(clean - fast).toBeGreaterThan(SAMPLES * 0.05);
  });
});
