import { describe, expect, test } from 'vitest';
import { configMap, secret } from '../../src/builders/config.ts';
import { envFrom, fromConfigMap, fromField, fromSecret } from '../../src/builders/refs.ts';
import { deepFreeze, thrown } from './deep-freeze.ts';

const settings = deepFreeze(configMap({ name: 'settings', data: { LOG_LEVEL: 'info' }, binaryData: { 'a.bin': 'AA==' } }));
const creds = deepFreeze(secret({ name: 'db', stringData: { user: 'root' }, data: { password: 'cHc=' } }));

describe('envFrom', () => {
  test('writes configMapRef and secretRef in input order when given objects', () => {
    expect(envFrom(creds, settings, deepFreeze({ prefix: 'P_', secretRef: { name: 'x', optional: true } }))).toStrictEqual([
      { secretRef: { name: 'db' } },
      { configMapRef: { name: 'settings' } },
      { prefix: 'P_', secretRef: { name: 'x', optional: true } },
    ]);
  });
});

describe('fromConfigMap', () => {
  test('references a data or binaryData key when it exists', () => {
    expect(fromConfigMap(settings, 'LOG_LEVEL')).toStrictEqual({ configMapKeyRef: { name: 'settings', key: 'LOG_LEVEL' } });
    expect(fromConfigMap(settings, 'a.bin', { optional: true })).toStrictEqual({ configMapKeyRef: { name: 'settings', key: 'a.bin', optional: true } });
  });

  test('skips the key check when the ConfigMap has no data', () => {
    expect(fromConfigMap(configMap({ name: 'later' }), 'ANY')).toStrictEqual({ configMapKeyRef: { name: 'later', key: 'ANY' } });
  });

  test('throws builder/unknown-key listing the keys when the key is missing', () => {
    const error = thrown(() => fromConfigMap(settings, 'LOG_LEVE'));
    expect(error.code).toBe('builder/unknown-key');
    expect(error.findings[0]!.path).toEqual(['data', 'LOG_LEVE']);
    expect(error.findings[0]!.message).toBe("expected a key of ConfigMap 'settings', received 'LOG_LEVE' (did you mean 'LOG_LEVEL'?)");
    expect(error.findings[0]!.hint).toBe("use one of 'LOG_LEVEL', 'a.bin', or add 'LOG_LEVE' to the ConfigMap");
  });
});

describe('fromSecret', () => {
  test('references a data or stringData key when it exists', () => {
    expect(fromSecret(creds, 'password')).toStrictEqual({ secretKeyRef: { name: 'db', key: 'password' } });
    expect(fromSecret(creds, 'user')).toStrictEqual({ secretKeyRef: { name: 'db', key: 'user' } });
  });

  test('throws builder/unknown-key when the key is missing', () => {
    const error = thrown(() => fromSecret(creds, 'token'));
    expect(error.code).toBe('builder/unknown-key');
    expect(error.findings[0]!.path).toEqual(['data', 'token']);
  });
});

describe('fromField', () => {
  test('builds a downward API reference when given a field path', () => {
    expect(fromField('status.podIP')).toStrictEqual({ fieldRef: { fieldPath: 'status.podIP' } });
  });
});
