// The base objects of transforms/gen-merge-overlay.
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
                envFrom: [{ configMapRef: { name: 'cfg' } }, { secretRef: { name: 'creds' } }],
              },
            ],
          },
        },
      },
    }),
  ],
});
