// log-collector: one fluentd agent per node (DaemonSet), reading the node's logs through
// hostPath mounts, tolerating control-plane taints so it runs there too.
import { container, daemonSet, defineComponent, hostPath, mount, tcpSocket, z } from 'kasane';

export default defineComponent({
  name: 'log-collector',
  values: z.object({
    image: z.string().default('fluent/fluentd:v1.16-1'),
    memoryLimit: z.string().default('200Mi'),
  }),
  build(values) {
    return daemonSet({
      name: 'log-collector',
      containers: [
        container({
          name: 'fluentd',
          image: values.image,
          ports: { forward: 24224 },
          readinessProbe: tcpSocket('forward'),
          livenessProbe: tcpSocket('forward', { initialDelaySeconds: 15 }),
          resources: { requests: { cpu: '100m', memory: '100Mi' }, limits: { memory: values.memoryLimit } },
          volumeMounts: [
            mount(hostPath({ name: 'varlog', path: '/var/log' }), { mountPath: '/var/log', readOnly: true }),
            mount(hostPath({ name: 'containers', path: '/var/lib/docker/containers' }), { mountPath: '/var/lib/docker/containers', readOnly: true }),
          ],
        }),
      ],
      tolerations: [
        { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
        { key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' },
      ],
    });
  },
});
