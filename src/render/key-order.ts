/**
 * The key order of kubectl kustomize's YAML (go-yaml's map key order), for the emitter.
 */
import { compareCodeUnits } from '../util/code-unit.ts';

const LETTER = /^\p{L}$/u;
const DIGIT = /^\p{Nd}$/u;

function isLetter(c: number): boolean {
  if (c < 0x80) return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  return LETTER.test(String.fromCodePoint(c));
}

function isDigit(c: number): boolean {
  if (c < 0x80) return c >= 0x30 && c <= 0x39;
  return DIGIT.test(String.fromCodePoint(c));
}

/** The numeric value of the digit run starting at `from` (Go's arithmetic), and where it ends. */
function digitRun(s: string, from: number, seed: number): [value: number, end: number] {
  let value = seed;
  let end = from;
  while (end < s.length) {
    const c = s.codePointAt(end)!;
    if (!isDigit(c)) break;
    value = value * 10 + (c - 0x30);
    end += c > 0xffff ? 2 : 1;
  }
  return [value, end];
}

/** True when every key compares at or after the one before it (`compare(next, previous) >= 0`). */
export function ascending(keys: readonly string[], compare: (a: string, b: string) => number): boolean {
  for (let i = 1; i < keys.length; i++) if (compare(keys[i]!, keys[i - 1]!) < 0) return false;
  return true;
}

/**
 * The key order of `kubectl kustomize` (go-yaml's map key order): code points, except that
 * letters sort after other characters and runs of digits compare by numeric value
 * (`"_"`, `"1"`, `"9"`, `"10"`, `"A"`, `"a"`, `"a9"`, `"a10"`). Locale-independent.
 */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  while (i < a.length && i < b.length) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x === y) {
      i += x > 0xffff ? 2 : 1;
      continue;
    }
    const xl = isLetter(x);
    const yl = isLetter(y);
    if (xl && yl) return x - y;
    if (xl || yl) return xl ? 1 : -1;
    // A zero continuing a number that has a non-zero digit is not a leading zero.
    let seed = 0;
    if (x === 0x30 || y === 0x30) {
      for (let j = i - 1; j >= 0 && isDigit(a.charCodeAt(j)); j--) {
        if (a.charCodeAt(j) !== 0x30) {
          seed = 1;
          break;
        }
      }
    }
    const [xn, xe] = digitRun(a, i, seed);
    const [yn, ye] = digitRun(b, i, seed);
    if (xn !== yn) return xn - yn;
    if (xe !== ye) return xe - ye;
    return x - y;
  }
  return a.length - b.length;
}

// --- numbers -----------------------------------------------------------------------------
