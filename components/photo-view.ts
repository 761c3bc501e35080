// photo-view: an image built into the team's private registry (v1.0, then v2.0), five pods
// spread over the nodes, a LoadBalancer in the cloud and a NodePort on a laptop cluster.
import { container, defineComponent, deployment, httpGet, service, z } from 'kasane';

export default defineComponent({
  name: 'photo-view',
  values: z.object({
    registry: z.string().default('registry.example.com/shop'),
    tag: z.string().default('v1.0'),
    replicas: z.number().int().min(1).default(5),
    serviceType: z.enum(['NodePort', 'LoadBalancer']).default('NodePort'),
    /** Keep pods of one Deployment on different nodes where possible. */
    spreadOverNodes: z.boolean().default(true),
  }),
  build(values) {
    const app = deployment({
      name: 'photo-view',
      replicas: values.replicas,
      strategy: { maxSurge: 1, maxUnavailable: 0 },
      containers: [
        container({
          name: 'photo-view',
          image: `${values.registry}/photo-view:${values.tag}`,
          ports: { http: 80 },
          readinessProbe: httpGet('/', 'http'),
          livenessProbe: httpGet('/', 'http', { initialDelaySeconds: 10 }),
          resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } },
        }),
      ],
      ...(values.spreadOverNodes
        ? {
            podSpec: {
              topologySpreadConstraints: [
                {
                  maxSkew: 1,
                  topologyKey: 'kubernetes.io/hostname',
                  whenUnsatisfiable: 'ScheduleAnyway',
                  labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'photo-view' } },
                },
              ],
            },
          }
        : {}),
    });
    return [app, service({ for: app, type: values.serviceType, ports: [{ port: 80, targetPort: 'http' }] })];
  },
});
