/**
 * A project whose component takes secret values every way kasane has: a plain Secret (opted in
 * to plain-text output) from `secretValue.fromEnv` and `fromFile`, a sealedSecret and an
 * ExternalSecret; environments dev and prod (prod with 3 replicas and `prodOverlay`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeProject } from './project.ts';

/** The test-only Sealed Secrets certificate. */
export const certificate = readFileSync(path.resolve(import.meta.dirname, '../fixtures/secrets/test-only-sealing.crt'), 'utf8');

/** Variables the project reads: DB_PASSWORD (plain Secret), SEALED_PASSWORD (sealedSecret); file secrets/token.txt. */
export function secretProject(files: { token: string; prodOverlay?: string; imports?: string; extra?: Record<string, string> }): string {
  return writeProject({
    'components/db.ts': `
      import { defineComponent, externalSecret, secret, sealedSecret, secretValue, z } from 'kasane';

      export default defineComponent({
        name: 'db',
        values: z.object({ replicas: z.number().default(1) }),
        build: (v, ctx) => [
          secret({
            name: 'db-credentials',
            labels: { replicas: String(v.replicas) },
            annotations: { 'kasane.dev/commit-plaintext': 'true' },
            stringData: { password: secretValue.fromEnv('DB_PASSWORD'), token: secretValue.fromFile('secrets/token.txt') },
          }),
          sealedSecret({ name: 'db-sealed', namespace: ctx.namespace, certificate: secretValue.fromFile('certs/sealing.pem'), stringData: { password: secretValue.fromEnv('SEALED_PASSWORD') } }),
          externalSecret({ name: 'db-external', secretStore: { name: 'vault', kind: 'ClusterSecretStore' }, data: [{ secretKey: 'password', remoteRef: { key: 'db', property: 'password' } }] }),
        ],
      });
    `,
    'environments/dev.ts': `
      import { defineEnvironment } from 'kasane';
      import db from '../components/db.ts';

      export default defineEnvironment({ name: 'dev', namespace: 'dev', components: [db] });
    `,
    'environments/prod.ts': `
      import { defineEnvironment, jsonPatch, secretGenerator } from 'kasane';
      import db from '../components/db.ts';

      export default defineEnvironment({
        name: 'prod',
        namespace: 'prod',
        components: [db.with({ replicas: 3 })],
        ${files.prodOverlay ?? ''}
      });
    `,
    'kasane.config.ts': `
      import { defineConfig } from 'kasane';

      export default defineConfig({ external: ['Secret/db-external'] });
    `,
    'certs/sealing.pem': certificate,
    'secrets/token.txt': files.token,
    ...files.extra,
  });
}
