/**
 * Findings as text (one grep-able line each, details indented below) or JSON, and the exit code
 * they call for.
 */
import path from 'node:path';
import { countFindings, countOf, formatObjectRef, formatPath, formatSource, type Finding, type SourceLocation } from '../errors.ts';
import { compareCodeUnits } from '../util/code-unit.ts';
import { EXIT } from './io.ts';

const validationAreas = ['schema/', 'reference/', 'policy/'];

/** 1 when only validation failed, 2 when the project could not be rendered at all, 0 otherwise. */
export function exitCodeFor(findings: readonly Finding[]): number {
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length === 0) return EXIT.ok;
  return errors.every((f) => validationAreas.some((a) => f.code.startsWith(a))) ? EXIT.failed : EXIT.usage;
}

function relative(source: SourceLocation, root: string): SourceLocation {
  return path.isAbsolute(source.file) ? { ...source, file: path.relative(root, source.file) || source.file } : source;
}

function compare(a: Finding, b: Finding): number {
  const key = (f: Finding) =>
    [f.env ?? '', f.source?.file ?? '', String(f.source?.line ?? 0).padStart(8, '0'), f.object ? formatObjectRef(f.object) : '', f.path ? formatPath(f.path) : '', f.code].join('\u0000');
  const ka = key(a);
  const kb = key(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** The order findings are printed in: environment, file, line, object, path, code. */
export function sortForReport(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compare);
}

/** One finding as text: `error: prod › Deployment/ns/api › spec.replicas: message (file:line)`, then details. */
export function formatFinding(f: Finding, root: string): string {
  const head = [f.env, f.object ? formatObjectRef(f.object) : undefined, f.path && f.path.length ? formatPath(f.path) : undefined].filter(Boolean).join(' › ');
  const src = f.source ? ` (${formatSource(relative(f.source, root))})` : '';
  const lines = [`${f.severity}: ${head ? head + ': ' : ''}${f.message}${src}`];
  if (f.component) lines.push(`  component: ${f.component}`);
  for (const r of f.related ?? []) lines.push(`  also: ${formatSource(relative(r, root))}`);
  if (f.cause) lines.push(...f.cause.split('\n').map((l) => `  | ${l.split(root + path.sep).join('')}`));
  if (f.hint) lines.push(...f.hint.split('\n').map((l, i) => (i === 0 ? `  fix: ${l}` : `  ${l}`)));
  lines.push(`  code: ${f.code}`);
  return lines.join('\n');
}

/** All findings as text plus a summary line, or '' when there are none. */
export function formatFindings(findings: readonly Finding[], root: string, scope?: string): string {
  if (findings.length === 0) return '';
  return (
    sortForReport(findings)
      .map((f) => formatFinding(f, root))
      .join('\n') + `\n${summaryLine(findings, scope)}\n`
  );
}

/**
 * `2 errors, 1 warning in prod`: the counts and where they are. When every finding names its
 * environment, only the environments with findings are named (each count with its own when they
 * differ: `1 error in prod, 2 warnings in dev, prod`), in the order of `scope`; else `scope`.
 */
export function summaryLine(findings: readonly Finding[], scope?: string): string {
  const { errors, warnings } = countFindings(findings);
  if (!findings.every((f) => f.env)) {
    return [errors ? countOf(errors, 'error') : '', warnings ? countOf(warnings, 'warning') : ''].filter(Boolean).join(', ') + (scope ? ` in ${scope}` : '');
  }
  const order = scope ? scope.split(', ') : [];
  const rank = (env: string) => (order.includes(env) ? order.indexOf(env) : order.length);
  const envsOf = (severity: string) => [...new Set(findings.filter((f) => f.severity === severity).map((f) => f.env!))].sort((a, b) => rank(a) - rank(b) || compareCodeUnits(a, b)).join(', ');
  const errorEnvs = envsOf('error');
  const warningEnvs = envsOf('warning');
  if (errors && warnings && errorEnvs === warningEnvs) return `${countOf(errors, 'error')}, ${countOf(warnings, 'warning')} in ${errorEnvs}`;
  return [errors ? `${countOf(errors, 'error')} in ${errorEnvs}` : '', warnings ? `${countOf(warnings, 'warning')} in ${warningEnvs}` : ''].filter(Boolean).join(', ');
}

/** Findings as JSON for CI: one object per finding with every field, paths relative to root. */
export function findingsToJson(findings: readonly Finding[], root: string): string {
  return (
    JSON.stringify(
      sortForReport(findings).map((f) => ({
        ...f,
        rule: f.code,
        ...(f.path ? { path: formatPath(f.path) } : {}),
        ...(f.source ? { source: relative(f.source, root) } : {}),
        ...(f.related ? { related: f.related.map((r) => relative(r, root)) } : {}),
      })),
      null,
      2,
    ) + '\n'
  );
}
