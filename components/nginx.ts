// nginx: a Deployment with an explicit rolling update (one extra pod at a time).
import { container, defineComponent, deployment, httpGet, z } from 'kasane';

export default defineComponent({
  name: 'nginx',
  values: z.object({
    replicas: z.number().int().min(1).default(3),
    image: z.string().default('nginx:1.14.2'),
  }),
  build(values) {
    return deployment({
      name: 'nginx-deployment',
      replicas: values.replicas,
      strategy: { maxSurge: 1, maxUnavailable: 0 },
      podLabels: { app: 'nginx' },
      containers: [
        container({
          name: 'nginx',
          image: values.image,
          ports: { http: 80 },
          readinessProbe: httpGet('/', 'http'),
          livenessProbe: httpGet('/', 'http', { initialDelaySeconds: 10 }),
          resources: { requests: { cpu: '50m', memory: '32Mi' }, limits: { memory: '64Mi' } },
        }),
      ],
    });
  },
});
