// The base objects of patch/smp-patch-second-container.
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
              { name: 'app', image: 'app:1' },
              { name: 'side', image: 'side:1' },
              { name: 'third', image: 'third:1' },
            ],
          },
        },
      },
    }),
  ],
});
