// The base objects of transforms/workload-dev.
import { defineComponent, resource, z } from 'kasane';

export default defineComponent({
  name: 'base',
  values: z.object({}),
  build: () => [
    resource({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'comp-0001', labels: { 'app.kubernetes.io/name': 'comp-0001' } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { 'app.kubernetes.io/name': 'comp-0001' } },
        template: {
          metadata: { labels: { 'app.kubernetes.io/name': 'comp-0001' } },
          spec: {
            containers: [
              {
                name: 'comp-0001',
                image: 'registry.example.com/shop/comp-0001:1.0.0',
                envFrom: [{ configMapRef: { name: 'comp-0001' } }],
              },
            ],
          },
        },
      },
    }),
  ],
});
