import { describe, expect, test } from 'vitest';
import { externalSecret } from '../../src/secrets/external-secret.ts';
import { deepFreeze, thrown } from './thrown.ts';

describe('externalSecret', () => {
  test('builds the minimal object when given a store and one key', () => {
    expect(externalSecret({ name: 'db', secretStore: { name: 'vault' }, data: [{ secretKey: 'password', remoteRef: { key: 'prod/db' } }] })).toEqual({
      apiVersion: 'external-secrets.io/v1beta1',
      kind: 'ExternalSecret',
      metadata: { name: 'db' },
      spec: {
        secretStoreRef: { name: 'vault' },
        data: [{ secretKey: 'password', remoteRef: { key: 'prod/db' } }],
      },
    });
  });

  test('builds every field when all props are given', () => {
    const props = deepFreeze({
      name: 'db',
      namespace: 'shop',
      labels: { team: 'payments' },
      annotations: { owner: 'ops' },
      secretStore: { name: 'vault', kind: 'ClusterSecretStore' as const },
      refreshInterval: '1h30m',
      refreshPolicy: 'Periodic' as const,
      target: {
        name: 'db-credentials',
        creationPolicy: 'Owner' as const,
        deletionPolicy: 'Retain' as const,
        immutable: false,
        template: { type: 'kubernetes.io/basic-auth', engineVersion: 'v2' as const, metadata: { labels: { app: 'db' } }, data: { url: 'postgres://{{ .username }}@db' } },
      },
      data: [
        { secretKey: 'username', remoteRef: { key: 'prod/db', property: 'user', version: 'v3' } },
        { secretKey: 'password', remoteRef: { key: 'prod/db', property: 'password', decodingStrategy: 'Base64' as const } },
      ],
      dataFrom: [{ extract: { key: 'prod/common' }, rewrite: [{ regexp: { source: '^(.*)$', target: 'common_$1' } }] }, { find: { name: { regexp: '^db-' } } }],
    });
    expect(externalSecret(props)).toEqual({
      apiVersion: 'external-secrets.io/v1beta1',
      kind: 'ExternalSecret',
      metadata: { name: 'db', namespace: 'shop', labels: { team: 'payments' }, annotations: { owner: 'ops' } },
      spec: {
        secretStoreRef: { name: 'vault', kind: 'ClusterSecretStore' },
        refreshInterval: '1h30m',
        refreshPolicy: 'Periodic',
        target: {
          name: 'db-credentials',
          creationPolicy: 'Owner',
          deletionPolicy: 'Retain',
          immutable: false,
          template: { type: 'kubernetes.io/basic-auth', engineVersion: 'v2', metadata: { labels: { app: 'db' } }, data: { url: 'postgres://{{ .username }}@db' } },
        },
        data: [
          { secretKey: 'username', remoteRef: { key: 'prod/db', property: 'user', version: 'v3' } },
          { secretKey: 'password', remoteRef: { key: 'prod/db', property: 'password', decodingStrategy: 'Base64' } },
        ],
        dataFrom: [{ extract: { key: 'prod/common' }, rewrite: [{ regexp: { source: '^(.*)$', target: 'common_$1' } }] }, { find: { name: { regexp: '^db-' } } }],
      },
    });
  });

  test('shares nothing with the props when the result is edited', () => {
    const props = { name: 'db', secretStore: { name: 'vault' }, data: [{ secretKey: 'p', remoteRef: { key: 'k' } }] };
    const out = externalSecret(props);
    out.spec.data![0]!.remoteRef.key = 'changed';
    expect(props.data[0]!.remoteRef.key).toBe('k');
  });

  test('reads the store name and kind when given the store object', () => {
    const store = { apiVersion: 'external-secrets.io/v1beta1', kind: 'ClusterSecretStore', metadata: { name: 'aws' } };
    expect(externalSecret({ name: 'db', secretStore: store, dataFrom: [{ extract: { key: 'k' } }] }).spec.secretStoreRef).toEqual({ name: 'aws', kind: 'ClusterSecretStore' });
  });

  test('throws secrets/external-secret-no-data when neither data nor dataFrom is given', () => {
    const error = thrown(() => externalSecret({ name: 'db', secretStore: { name: 'vault' }, data: [] }));
    expect(error.code).toBe('secrets/external-secret-no-data');
    expect(error.findings[0]!.path).toEqual(['spec', 'data']);
  });

  test('throws secrets/invalid-duration when refreshInterval is not a Go duration', () => {
    const error = thrown(() => externalSecret({ name: 'db', secretStore: { name: 'v' }, refreshInterval: '1 hour', dataFrom: [{ extract: { key: 'k' } }] }));
    expect(error.code).toBe('secrets/invalid-duration');
    expect(error.findings[0]!.message).toBe(`expected a Go duration such as '1h' or '15m', received "1 hour"`);
  });

  test('accepts zero and compound durations', () => {
    for (const d of ['0', '10s', '2h30m', '1.5h', '100ms'])
      expect(externalSecret({ name: 'x', secretStore: { name: 'v' }, refreshInterval: d, dataFrom: [{ extract: { key: 'k' } }] }).spec.refreshInterval).toBe(d);
  });

  test('throws secrets/invalid-secret-key with the index when a secretKey has a slash', () => {
    const error = thrown(() =>
      externalSecret({
        name: 'db',
        secretStore: { name: 'v' },
        data: [
          { secretKey: 'ok', remoteRef: { key: 'a' } },
          { secretKey: 'a/b', remoteRef: { key: 'b' } },
        ],
      }),
    );
    expect(error.code).toBe('secrets/invalid-secret-key');
    expect(error.findings[0]!.path).toEqual(['spec', 'data', 1, 'secretKey']);
  });
});
