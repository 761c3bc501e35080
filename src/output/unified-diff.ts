/**
 * A unified diff of two texts, as `diff -u` prints it, for drift reports and `kasane diff`.
 *
 * The edit script is Myers' O(ND) one. While the number of differences D is small (a few
 * thousand lines) it is found greedily and the furthest point of every step is kept for the way
 * back, O(D²) memory. Beyond that the kept steps would not fit (a wholly changed 6,000-line file
 * took 1.2 GB), so Myers' linear-space refinement is used instead: find the middle snake of the
 * shortest script from both ends, split there, and repeat on both halves, O(N + M) memory. A
 * budget on its work keeps two huge, wholly different files from taking minutes: a part still
 * unsolved when the budget is spent is shown as removed and added whole, which is a correct
 * diff, only not the shortest.
 */

type Op = ' ' | '-' | '+';
type Edit = { op: Op; line: string };

/** Limits of {@link diffLines}; tests lower them to reach the other paths. */
export interface DiffLimits {
  /** Entries of the greedy search's kept steps (4 bytes each). @default 4,194,304 (16 MB) */
  traceEntries?: number;
  /** Steps the linear-space search may take before it stops looking for the shortest script. @default 50,000,000 (a few seconds) */
  work?: number;
}

const DEFAULT_TRACE = 1 << 22;
const DEFAULT_WORK = 50_000_000;

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * The greedy search with every step kept (only the diagonals a step can reach); undefined when
 * the kept steps would exceed `limit` entries. Entry `k + d + 1` of step `d` is diagonal `k`.
 */
function greedyTrace(a: readonly string[], b: readonly string[], limit: number): Int32Array[] | undefined {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  // Diagonal k is at index k + off; one spare slot on each side for k = ±(max + 1).
  const off = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let kept = 0;
  for (let d = 0; d <= max; d++) {
    kept += 2 * d + 3;
    if (kept > limit) return undefined;
    // Step d reads diagonals -d-1 .. d+1 of the previous step on the way back.
    trace.push(v.slice(off - d - 1, off + d + 2));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[off + k - 1]! < v[off + k + 1]!);
      let x = down ? v[off + k + 1]! : v[off + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) return trace;
    }
  }
  return trace;
}

/** The way back from the end through the kept steps of {@link greedyTrace}: the edit script. */
function backtrack(a: readonly string[], b: readonly string[], trace: readonly Int32Array[]): Edit[] {
  const edits: Edit[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d]!;
    const at = (k: number): number => vd[k + d + 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
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

/** The state of the linear-space search: lines as numbers, reusable diagonal arrays, the work left. */
interface Linear {
  a: readonly string[];
  b: readonly string[];
  ia: Int32Array;
  ib: Int32Array;
  forward: Int32Array;
  backward: Int32Array;
  work: number;
  out: Edit[];
}

/**
 * Moves the furthest point on diagonal `k` one step `d` on (from its neighbours) and along the
 * snake of equal lines after it; `same(x, y)` compares the lines at that point. Returns x.
 */
function extend(v: Int32Array, off: number, k: number, d: number, n: number, m: number, same: (x: number, y: number) => boolean): number {
  let x = k === -d || (k !== d && v[off + k - 1]! < v[off + k + 1]!) ? v[off + k + 1]! : v[off + k - 1]! + 1;
  let y = x - k;
  while (x < n && y < m && same(x, y)) {
    x++;
    y++;
  }
  v[off + k] = x;
  return x;
}

/**
 * The middle of a shortest script from `ia[aLo..aHi)` to `ib[bLo..bHi)` (Myers 1986, section
 * 4b): a point both a forward and a backward search reach. Undefined when the two parts share no
 * line, or the work budget is spent.
 */
function middle(s: Linear, aLo: number, aHi: number, bLo: number, bHi: number): [number, number] | undefined {
  const n = aHi - aLo;
  const m = bHi - bLo;
  const maxD = Math.ceil((n + m) / 2);
  const off = maxD + 1;
  const { ia, ib, forward: vf, backward: vb } = s;
  vf.fill(-1, 0, 2 * off + 1);
  vb.fill(-1, 0, 2 * off + 1);
  vf[off + 1] = 0;
  vb[off + 1] = 0;
  const ahead = (x: number, y: number): boolean => ia[aLo + x] === ib[bLo + y];
  const behind = (x: number, y: number): boolean => ia[aHi - x - 1] === ib[bHi - y - 1];
  const delta = n - m;
  const odd = (delta & 1) !== 0;
  // The other search's point on the same diagonal (-1: not reached yet), inside the filled part.
  const other = (v: Int32Array, k: number): number => (off + delta - k >= 0 && off + delta - k <= 2 * off ? v[off + delta - k]! : -1);
  // Diagonals that ran off the grid are skipped from then on.
  const skip = { fLow: 0, fHigh: 0, bLow: 0, bHigh: 0 };
  for (let d = 0; d < maxD; d++) {
    s.work -= 2 * d + 2;
    if (s.work < 0) return undefined;
    for (let k = -d + skip.fLow; k <= d - skip.fHigh; k += 2) {
      const x = extend(vf, off, k, d, n, m, ahead);
      if (x > n) skip.fHigh += 2;
      else if (x - k > m) skip.fLow += 2;
      else if (odd && other(vb, k) !== -1 && x >= n - other(vb, k)) return [x, x - k];
    }
    for (let k = -d + skip.bLow; k <= d - skip.bHigh; k += 2) {
      const x = extend(vb, off, k, d, n, m, behind);
      if (x > n) skip.bHigh += 2;
      else if (x - k > m) skip.bLow += 2;
      else if (!odd && other(vf, k) !== -1 && other(vf, k) >= n - x) return [other(vf, k), other(vf, k) - (delta - k)];
    }
  }
  return undefined;
}

function emit(s: Linear, op: Op, lines: readonly string[], from: number, to: number): void {
  for (let i = from; i < to; i++) s.out.push({ op, line: lines[i]! });
}

/** Appends a script from `a[aLo..aHi)` to `b[bLo..bHi)` to `s.out`. */
function linearPart(s: Linear, aLo: number, aHi: number, bLo: number, bHi: number): void {
  const start = aLo;
  while (aLo < aHi && bLo < bHi && s.ia[aLo] === s.ib[bLo]) {
    aLo++;
    bLo++;
  }
  emit(s, ' ', s.a, start, aLo);
  let same = 0;
  while (aLo < aHi - same && bLo < bHi - same && s.ia[aHi - same - 1] === s.ib[bHi - same - 1]) same++;
  aHi -= same;
  bHi -= same;
  const split = aLo === aHi || bLo === bHi ? undefined : middle(s, aLo, aHi, bLo, bHi);
  const [x, y] = split ?? [0, 0];
  if (split && (x > 0 || y > 0) && (x < aHi - aLo || y < bHi - bLo)) {
    linearPart(s, aLo, aLo + x, bLo, bLo + y);
    linearPart(s, aLo + x, aHi, bLo + y, bHi);
  } else {
    emit(s, '-', s.a, aLo, aHi);
    emit(s, '+', s.b, bLo, bHi);
  }
  emit(s, ' ', s.a, aHi, aHi + same);
}

/** Myers' linear-space script (see the module comment). */
function linearScript(a: readonly string[], b: readonly string[], work: number): Edit[] {
  const ids = new Map<string, number>();
  const idOf = (line: string): number => {
    let id = ids.get(line);
    if (id === undefined) ids.set(line, (id = ids.size));
    return id;
  };
  const ia = Int32Array.from(a, idOf);
  const shared = ids.size;
  const ib = Int32Array.from(b, idOf);
  const size = 2 * (Math.ceil((a.length + b.length) / 2) + 1) + 1;
  const s: Linear = { a, b, ia, ib, forward: new Int32Array(size), backward: new Int32Array(size), work, out: [] };
  // Two texts without a line in common (a file rewritten whole) need no search at all.
  if (ib.every((id) => id >= shared)) s.work = 0;
  linearPart(s, 0, a.length, 0, b.length);
  return s.out;
}

/** A shortest edit script from `a` to `b` (see the module comment for the memory it takes). */
export function diffLines(a: readonly string[], b: readonly string[], limits: DiffLimits = {}): Edit[] {
  const trace = greedyTrace(a, b, limits.traceEntries ?? DEFAULT_TRACE);
  return trace ? backtrack(a, b, trace) : linearScript(a, b, limits.work ?? DEFAULT_WORK);
}

/**
 * `diff -u` style text between `before` and `after` with `context` lines around each change;
 * the empty string when they are equal.
 */
export function unifiedDiff(before: string, after: string, labels: { from: string; to: string }, context = 3, limits: DiffLimits = {}): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  const edits = diffLines(a, b, limits);
  const out = [`--- ${labels.from}`, `+++ ${labels.to}`];
  let i = 0;
  let aLine = 0;
  let bLine = 0;
  const positions = edits.map((e) => {
    const pos = { a: aLine, b: bLine };
    if (e.op !== '+') aLine++;
    if (e.op !== '-') bLine++;
    return pos;
  });
  while (i < edits.length) {
    if (edits[i]!.op === ' ') {
      i++;
      continue;
    }
    const start = Math.max(0, i - context);
    let end = i;
    // Extend the hunk while the next change is within 2 * context lines.
    for (;;) {
      while (end < edits.length && edits[end]!.op !== ' ') end++;
      let next = end;
      while (next < edits.length && edits[next]!.op === ' ') next++;
      if (next < edits.length && next - end <= 2 * context) end = next;
      else {
        end = Math.min(edits.length, end + context);
        break;
      }
    }
    const slice = edits.slice(start, end);
    const aCount = slice.filter((e) => e.op !== '+').length;
    const bCount = slice.filter((e) => e.op !== '-').length;
    const aStart = aCount ? positions[start]!.a + 1 : positions[start]!.a;
    const bStart = bCount ? positions[start]!.b + 1 : positions[start]!.b;
    out.push(`@@ -${aStart},${aCount} +${bStart},${bCount} @@`);
    for (const e of slice) out.push(`${e.op}${e.line}`);
    i = end;
  }
  return out.join('\n') + '\n';
}
