import { describe, expect, test } from 'vitest';
import { redactSecretDrift } from '../../src/cli/redact-drift.ts';
import { checkEnvironment } from '../../src/output/check.ts';

const CANARY = 'canary-hunter22-do-not-print';
const secretYaml = (password: string, extra = '') => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: ${password}\n${extra}`;

describe('drift of a Secret file', () => {
  test('names the changed key and never shows either value', () => {
    const drift = checkEnvironment(
      'prod',
      new Map([['db/secret-db.yaml', secretYaml(CANARY)]]),
      new Map([['db/secret-db.yaml', secretYaml('old-value-also-secret')]]),
      new Map([['db/secret-db.yaml', { kind: 'Secret', name: 'db' }]]),
      redactSecretDrift,
    );
    expect(drift).toHaveLength(1);
    expect(drift[0]!.diff).not.toContain(CANARY);
    expect(drift[0]!.diff).not.toContain('old-value-also-secret');
    expect(drift[0]!.diff).toContain('-  password: <redacted>\n+  password: <changed>\n');
  });

  test('a new Secret file shows its keys only', () => {
    const sides = redactSecretDrift(undefined, secretYaml(CANARY, '  user: admin-name\n'));
    expect(sides.before).toBe('');
    expect(sides.after).toContain('password: <redacted>');
    expect(sides.after).not.toContain(CANARY);
    expect(sides.after).not.toContain('admin-name');
  });

  test('other files are diffed as they are', () => {
    const drift = checkEnvironment('prod', new Map([['a.yaml', 'kind: ConfigMap\na: 2\n']]), new Map([['a.yaml', 'kind: ConfigMap\na: 1\n']]), new Map(), redactSecretDrift);
    expect(drift[0]!.diff).toContain('-a: 1\n+a: 2\n');
  });
});
