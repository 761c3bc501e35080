// The base objects of patch/json-sequence-with-smp.
import { defineComponent, resource, z } from 'kasane';

export default defineComponent({
  name: 'base',
  values: z.object({}),
  build: () => [
    resource({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { app: 'web', tier: 'front' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            containers: [
              {
                name: 'app',
                image: 'app:1',
                args: ['--port=8080', '--verbose'],
                env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }],
                ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }],
                resources: { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m' } },
                volumeMounts: [{ name: 'config', mountPath: '/etc/app' }],
              },
              { name: 'sidecar', image: 'sidecar:1' },
            ],
            volumes: [{ name: 'config', configMap: { name: 'app-config' } }],
          },
        },
      },
    }),
  ],
});
