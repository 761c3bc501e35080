/**
 * The edit script stays the one the greedy search always gave while it fits in memory, and is a
 * correct (and, within the work budget, shortest) script beyond, in memory linear in the input.
 */
import { describe, expect, test } from 'vitest';
import { diffLines, unifiedDiff } from '../../src/output/unified-diff.ts';

type Edit = { op: ' ' | '-' | '+'; line: string };

/** The greedy search as kasane had it, keeping every step whole: the oracle for unchanged output. */
function keptWhole(a: readonly string[], b: readonly string[]): Edit[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[max + k - 1]! < v[max + k + 1]!);
      let x = down ? v[max + k + 1]! : v[max + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[max + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  const edits: Edit[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d]!;
    const k = x - y;
    const down = k === -d || (k !== d && vd[max + k - 1]! < vd[max + k + 1]!);
    const prevK = down ? k + 1 : k - 1;
    const prevX = vd[max + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      edits.push({ op: ' ', line: a[x]! });
    }
    if (d > 0) {
      if (down) edits.push({ op: '+', line: b[--y]! });
      else edits.push({ op: '-', line: a[--x]! });
    }
  }
  return edits.reverse();
}

/** A small deterministic random generator (mulberry32), so failures reproduce. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random line lists from a small alphabet, so they share many lines. */
function pair(next: () => number): [string[], string[]] {
  const make = () => Array.from({ length: Math.floor(next() * 40) }, () => 'abcdef'[Math.floor(next() * 6)]!);
  return [make(), make()];
}

const sides = (edits: readonly Edit[]) => ({ before: edits.filter((e) => e.op !== '+').map((e) => e.line), after: edits.filter((e) => e.op !== '-').map((e) => e.line) });
const changes = (edits: readonly Edit[]) => edits.filter((e) => e.op !== ' ').length;

describe('diffLines', () => {
  test('gives exactly the script of the greedy search with every step kept', () => {
    const next = random(1);
    for (let i = 0; i < 500; i++) {
      const [a, b] = pair(next);
      expect(diffLines(a, b), JSON.stringify([a, b])).toEqual(keptWhole(a, b));
    }
  });

  test('in linear space, gives a script from a to b as short as the greedy one', () => {
    const next = random(2);
    for (let i = 0; i < 500; i++) {
      const [a, b] = pair(next);
      const edits = diffLines(a, b, { traceEntries: 0 });
      expect(sides(edits), JSON.stringify([a, b])).toEqual({ before: a, after: b });
      expect(changes(edits), JSON.stringify([a, b])).toBe(changes(keptWhole(a, b)));
    }
  });

  test('with its work budget spent, still gives a correct script', () => {
    const next = random(3);
    for (let i = 0; i < 200; i++) {
      const [a, b] = pair(next);
      expect(sides(diffLines(a, b, { traceEntries: 0, work: 20 })), JSON.stringify([a, b])).toEqual({ before: a, after: b });
    }
  });

  test('diffs two wholly different 6,000-line files in linear memory', () => {
    const a = Array.from({ length: 6000 }, (_, i) => `  key${i}: before`);
    const b = Array.from({ length: 6000 }, (_, i) => `  key${i}: after`);
    const peak = process.resourceUsage().maxRSS;
    const diff = unifiedDiff(a.join('\n') + '\n', b.join('\n') + '\n', { from: 'a', to: 'b' });
    // Keeping every step of the greedy search took 1.2 GB here (maxRSS is in kB).
    expect(process.resourceUsage().maxRSS - peak).toBeLessThan(100 * 1024);
    expect(diff.split('\n').filter((l) => l.startsWith('-  key')).length).toBe(6000);
    expect(diff.split('\n').filter((l) => l.startsWith('+  key')).length).toBe(6000);
  });
});
