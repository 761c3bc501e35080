import { describe, expect, test } from 'vitest';
import { configMap, secret } from '../../src/builders/config.ts';
import type { KObject } from '../../src/k8s/object.ts';
import type { Resource } from '../../src/k8s/resource.ts';
import { addNameAffix } from '../../src/overlay/transforms/name-affix.ts';
import { setNamespace } from '../../src/overlay/transforms/namespace.ts';
import { emitDocuments } from '../../src/render/emit.ts';
import { redactYaml, scrubSecretValues } from '../../src/secrets/redact.ts';
import { listSecretRefs, resolveSecretRefs } from '../../src/secrets/resolve-refs.ts';
import { sealSecrets } from '../../src/secrets/seal-secrets.ts';
import { sealedSecret, type SealedSecret } from '../../src/secrets/sealed-secret.ts';
import { secretValue } from '../../src/secrets/secret-value.ts';
import { openSealed, testCert } from './open-sealed.ts';

const CANARY = 'canary-9f3b2c71-do-not-print';
const SEALED_CANARY = 'sealed-canary-41d7e0aa';

/** The steps in the order the pipeline runs them: build, resolve, overlay, seal, emit. */
function renderLikeThePipeline(env: Record<string, string>) {
  const built: Resource[] = [
    secret({ name: 'db', stringData: { password: secretValue.fromEnv('DB_PASSWORD') } }),
    sealedSecret({ name: 'api', certificate: testCert, stringData: { token: secretValue.fromEnv('API_TOKEN') } }),
    configMap({ name: 'settings', data: { mode: 'fast' } }),
  ].map((object) => ({ object: object as unknown as KObject, component: 'app' }));
  const needs = listSecretRefs(built);
  const resolved = resolveSecretRefs(built, { env, files: new Map() }, { environment: 'prod' });
  // A user transform gets structured clones of the objects.
  let resources = resolved.resources.map((r) => ({ ...r, object: structuredClone(r.object) }));
  resources = setNamespace(resources, { env: 'prod', namespace: 'shop' });
  resources = addNameAffix(resources, { env: 'prod', prefix: 'prod-' });
  const sealed = sealSecrets(resources, { environment: 'prod', stableKey: Buffer.alloc(32, 3) });
  return { needs, resolved, sealed, yaml: emitDocuments(sealed.resources.map((r) => r.object)) };
}

describe('secrets through the render flow', () => {
  const run = renderLikeThePipeline({ DB_PASSWORD: CANARY, API_TOKEN: SEALED_CANARY });

  test('lists the variables the components need before resolving', () => {
    expect(run.needs).toEqual({ env: ['API_TOKEN', 'DB_PASSWORD'], files: [] });
  });

  test('writes the value only into the rendered Secret and seals the SealedSecret for its final name', () => {
    expect(run.resolved.findings).toEqual([]);
    expect(run.sealed.findings).toEqual([]);
    expect(run.yaml.split(CANARY).length - 1).toBe(1);
    expect(run.yaml).toContain(`  password: ${CANARY}\n`);
    expect(run.yaml).not.toContain(SEALED_CANARY);
    expect(run.yaml).not.toContain('unsealed');
    const ss = run.sealed.resources.find((r) => r.object.kind === 'SealedSecret')!.object as unknown as SealedSecret;
    expect(ss.metadata).toMatchObject({ name: 'prod-api', namespace: 'shop' });
    expect(openSealed(ss.spec.encryptedData.token!, 'shop/prod-api').toString()).toBe(SEALED_CANARY);
  });

  test('renders the same bytes twice when a stable key is used', () => {
    expect(renderLikeThePipeline({ DB_PASSWORD: CANARY, API_TOKEN: SEALED_CANARY }).yaml).toBe(run.yaml);
  });

  test('shows no value when the output is redacted or a message is scrubbed', () => {
    expect(redactYaml(run.yaml)).not.toContain(CANARY);
    expect(scrubSecretValues(`failed near ${JSON.stringify(CANARY)}`, run.resolved.values)).toBe('failed near "<redacted>"');
  });
});
