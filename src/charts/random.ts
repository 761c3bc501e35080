/**
 * Randomised chart output: templates that call `randAlphaNum`, `genCA`, `now` and friends print
 * different bytes on every render, which would break the golden check. kasane renders such a
 * chart twice and reports the fields that changed.
 *
 * The second render is skipped when no template of the chart (and no value, which `tpl` may
 * render) names a function that can return something new each time: Go templates call functions
 * only by name, so a chart that names none of them cannot print random output.
 */
import type { Finding } from '../errors.ts';
import { compareCodeUnits } from '../util/code-unit.ts';
import { refOf } from '../k8s/object.ts';
import { isPlainObject } from '../util/plain-object.ts';
import type { ChartObject } from './helm-output.ts';

/**
 * Sprig and Helm functions whose result differs between two calls with the same arguments:
 * random text and numbers, keys and certificates, salted hashes, the clock, and DNS.
 */
const NONDETERMINISTIC =
  /\b(rand(?:AlphaNum|Alpha|Ascii|Numeric|Bytes|Int)|uuidv4|shuffle|gen(?:CA|CAWithKey|PrivateKey|SelfSignedCert|SelfSignedCertWithKey|SignedCert|SignedCertWithKey)|htpasswd|bcrypt|encryptAES|now|ago|getHostByName)\b/;

/** Template actions, `{{ … }}`: function names outside them are text (a CRD's description says "now"). */
const ACTION = /\{\{([\s\S]*?)\}\}/g;

/** Which kinds of changing functions the template actions of `texts` name: any at all, and the clock. */
export function changingFunctions(texts: Iterable<string>): { any: boolean; clock: boolean } {
  const found = { any: false, clock: false };
  for (const text of texts) {
    if (!text.includes('{{')) continue;
    for (const [, action] of text.matchAll(ACTION)) {
      const m = NONDETERMINISTIC.exec(action!);
      if (!m) continue;
      found.any = true;
      if (m[1] === 'now' || m[1] === 'ago' || /\b(now|ago)\b/.test(action!)) found.clock = true;
      if (found.clock) return found;
    }
  }
  return found;
}

/** Where two renders of one object differ. */
export interface RandomObject {
  entry: ChartObject;
  paths: string[];
}

function join(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  const part = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? key : JSON.stringify(key);
  return base === '' ? part : /^[A-Za-z_]/.test(part) ? `${base}.${part}` : `${base}[${part}]`;
}

/** The paths where two values differ (a whole array when the lengths differ). */
export function differingPaths(a: unknown, b: unknown, path = '', into: string[] = []): string[] {
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(compareCodeUnits);
    for (const k of keys) differingPaths(a[k], b[k], join(path, k), into);
  } else if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((item, i) => differingPaths(item, b[i], join(path, i), into));
  } else if (JSON.stringify(a) !== JSON.stringify(b)) {
    into.push(path);
  }
  return into;
}

const keyOf = (e: ChartObject): string => `${e.source}\0${e.object.kind}\0${e.index}`;

/** The objects of two renders of the same input that differ, matched by template, kind and position (names may be random). */
export function compareRenders(first: readonly ChartObject[], second: readonly ChartObject[]): RandomObject[] {
  const others = new Map(second.map((e) => [keyOf(e), e]));
  const out: RandomObject[] = [];
  for (const entry of first) {
    const other = others.get(keyOf(entry));
    const paths = other ? differingPaths(entry.object, other.object) : ['(the object)'];
    if (paths.length) out.push({ entry, paths });
  }
  return out;
}

/** A checksum annotation changes because another field did: reported after its cause. */
const derived = (path: string): boolean => /annotations\["checksum\//.test(path);

/** One warning per randomised object (`charts/random-output`), causes before checksums derived from them. */
export function randomFindings(chart: string, random: readonly RandomObject[]): Finding[] {
  const ordered = [...random].sort((a, b) => Number(a.paths.every(derived)) - Number(b.paths.every(derived)));
  return ordered.map(({ entry, paths }) => {
    const onlyDerived = paths.every(derived);
    return {
      severity: 'warning',
      code: 'charts/random-output',
      message: `chart '${chart}' prints different ${paths.map((p) => `'${p}'`).join(', ')} on every render (template '${entry.template}')${onlyDerived ? ', a checksum of another random field' : ''}: the rendered output changes each time and render --check fails`,
      hint: onlyDerived
        ? 'fix the random field it is a checksum of'
        : 'pass the value in through the chart values (an existing secret, a fixed certificate or time), or take the secret out of the chart (ExternalSecret, SealedSecret, cert-manager)',
      object: refOf(entry.object),
    } satisfies Finding;
  });
}
