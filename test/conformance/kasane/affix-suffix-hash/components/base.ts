// The base objects of transforms/affix-suffix-hash.
import { defineComponent, resource, z } from 'kasane';

export default defineComponent({
  name: 'base',
  values: z.object({}),
  build: () => [
    resource({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            containers: [
              {
                name: 'web',
                image: 'nginx:1.25',
                env: [
                  {
                    name: 'LEVEL',
                    valueFrom: { configMapKeyRef: { name: 'cfg', key: 'LOG_LEVEL' } },
                  },
                  {
                    name: 'PASSWORD',
                    valueFrom: { secretKeyRef: { name: 'creds', key: 'password' } },
                  },
                ],
                envFrom: [{ configMapRef: { name: 'cfg' } }, { secretRef: { name: 'creds' } }],
                volumeMounts: [{ name: 'config', mountPath: '/etc/config' }],
              },
            ],
            volumes: [
              { name: 'config', configMap: { name: 'cfg' } },
              { name: 'secret', secret: { secretName: 'creds' } },
            ],
          },
        },
      },
    }),
  ],
});
