import { describe, expect, test } from 'vitest';
import type { Finding } from '../../src/errors.ts';
import { summaryLine } from '../../src/cli/format.ts';

const f = (severity: Finding['severity'], env?: string): Finding => ({ severity, code: 'x/y', message: 'm', ...(env ? { env } : {}) });

describe('summaryLine', () => {
  test.each([
    ['names only the environment with findings', [f('error', 'prod')], 'dev, staging, prod', '1 error in prod'],
    ['keeps the order of the scope', [f('error', 'prod'), f('error', 'dev')], 'dev, prod', '2 errors in dev, prod'],
    ['joins counts that share environments', [f('error', 'dev'), f('warning', 'dev'), f('warning', 'dev')], 'dev, prod', '1 error, 2 warnings in dev'],
    ['gives each count its environments when they differ', [f('error', 'prod'), f('warning', 'dev'), f('warning', 'prod')], 'dev, prod', '1 error in prod, 2 warnings in dev, prod'],
    ['falls back to the scope when a finding has no environment', [f('error')], 'manifests/', '1 error in manifests/'],
    ['has no place without a scope or environments', [f('warning')], undefined, '1 warning'],
  ])('%s', (_name, findings, scope, expected) => {
    expect(summaryLine(findings, scope)).toBe(expected);
  });
});
