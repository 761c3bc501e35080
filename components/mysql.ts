// mysql: a database with a stable network identity (StatefulSet + headless Service) and one
// persistent volume per pod. The root password lives in a Secret referenced by key: rendered
// here only where the environment provides it (dev); elsewhere it is managed outside git.
import { container, defineComponent, fromSecret, secret, service, statefulSet, tcpSocket, exec, z } from 'kasane';

export default defineComponent({
  name: 'mysql',
  values: z.object({
    image: z.string().default('mysql:8.0.36'),
    replicas: z.number().int().min(1).default(1),
    storage: z.string().default('1Gi'),
    storageClassName: z.string().optional(),
    /**
     * A root password to render into the Secret (development clusters only). Without it the
     * Secret `mysql-credentials` must exist in the cluster (see `external` in kasane.config.ts).
     */
    devRootPassword: z.string().optional(),
  }),
  build(values) {
    // A throwaway password written in the environment's code: committing it again in the
    // rendered output reveals nothing new, and the annotation records that decision.
    const credentials = secret({
      name: 'mysql-credentials',
      stringData: { 'root-password': values.devRootPassword ?? '' },
      annotations: { 'kasane.dev/commit-plaintext': 'true' },
    });
    const db = statefulSet({
      name: 'mysql',
      serviceName: 'mysql',
      replicas: values.replicas,
      containers: [
        container({
          name: 'mysql',
          image: values.image,
          ports: { mysql: 3306 },
          env: { MYSQL_ROOT_PASSWORD: fromSecret(credentials, 'root-password') },
          readinessProbe: exec(['mysqladmin', 'ping', '-h', '127.0.0.1']),
          livenessProbe: tcpSocket('mysql', { initialDelaySeconds: 30 }),
          resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { memory: '1Gi' } },
          volumeMounts: [{ name: 'data', mountPath: '/var/lib/mysql' }],
        }),
      ],
      volumeClaimTemplates: [{ name: 'data', storage: values.storage, ...(values.storageClassName ? { storageClassName: values.storageClassName } : {}) }],
    });
    return [db, service({ for: db, name: 'mysql', headless: true, ports: [{ port: 3306, targetPort: 'mysql' }] }), values.devRootPassword !== undefined && credentials];
  },
});
