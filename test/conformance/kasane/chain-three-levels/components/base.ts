// The base objects of transforms/chain-three-levels.
import { defineComponent, resource, z } from 'kasane';

export default defineComponent({
  name: 'base',
  values: z.object({}),
  build: () => [
    resource({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'api' } }),
    resource({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'api' },
      spec: { selector: { app: 'api' }, ports: [{ port: 80, targetPort: 8080 }] },
    }),
    resource({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'api' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'api' } },
        template: {
          metadata: { labels: { app: 'api' } },
          spec: {
            serviceAccountName: 'api',
            containers: [
              {
                name: 'api',
                image: 'registry.example.com/shop/api:1.0.0',
                envFrom: [{ configMapRef: { name: 'api-config' } }],
                env: [
                  {
                    name: 'TOKEN',
                    valueFrom: { secretKeyRef: { name: 'api-secret', key: 'token' } },
                  },
                ],
                volumeMounts: [{ name: 'cfg', mountPath: '/cfg' }],
              },
            ],
            volumes: [
              {
                name: 'cfg',
                projected: {
                  sources: [{ configMap: { name: 'api-config' } }, { secret: { name: 'api-secret' } }],
                },
              },
            ],
          },
        },
      },
    }),
    resource({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'api' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [{ kind: 'ServiceAccount', name: 'api' }],
    }),
  ],
});
