// web-server: the Go server container, scaled per environment, exposed on port 80.
import { container, defineComponent, deployment, httpGet, service, z } from 'kasane';

export default defineComponent({
  name: 'web-server',
  values: z.object({
    replicas: z.number().int().min(1).default(1),
    image: z.string().default('jocatalin/kubernetes-bootcamp:v1'),
    serviceType: z.enum(['ClusterIP', 'NodePort', 'LoadBalancer']).default('ClusterIP'),
    resources: z.object({ cpu: z.string(), memory: z.string() }).default({ cpu: '100m', memory: '128Mi' }),
  }),
  build(values) {
    const web = deployment({
      name: 'web-server',
      replicas: values.replicas,
      containers: [
        container({
          name: 'go-server',
          image: values.image,
          ports: { http: 8080 },
          readinessProbe: httpGet('/', 'http'),
          livenessProbe: httpGet('/', 'http', { initialDelaySeconds: 10 }),
          resources: { requests: values.resources, limits: { memory: values.resources.memory } },
        }),
      ],
    });
    return [web, service({ for: web, type: values.serviceType, ports: [{ port: 80, targetPort: 'http' }] })];
  },
});
