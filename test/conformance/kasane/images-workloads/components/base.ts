// The base objects of transforms/images-workloads.
import { defineComponent, resource, z } from 'kasane';

export default defineComponent({
  name: 'base',
  values: z.object({}),
  build: () => [
    resource({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'api' },
      spec: {
        selector: { matchLabels: { app: 'api' } },
        template: {
          metadata: { labels: { app: 'api' } },
          spec: {
            initContainers: [{ name: 'migrate', image: 'registry.example.com/shop/api:1.0.0' }],
            containers: [
              { name: 'api', image: 'registry.example.com/shop/api:1.0.0' },
              { name: 'proxy', image: 'envoyproxy/envoy' },
            ],
          },
        },
      },
    }),
    resource({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'nightly' },
      spec: {
        schedule: '0 0 * * *',
        jobTemplate: {
          spec: {
            template: {
              spec: {
                restartPolicy: 'Never',
                containers: [{ name: 'job', image: 'registry.example.com/shop/api@sha256:0123456789abcdef' }],
              },
            },
          },
        },
      },
    }),
  ],
});
