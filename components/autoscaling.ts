// autoscaling: a HorizontalPodAutoscaler for web-server, scaling on CPU. The target is named by
// reference; the reference checks make sure the Deployment exists in every environment.
import { defineComponent, horizontalPodAutoscaler, z } from 'kasane';
import type { Deployment } from 'kasane/api/apps/v1';

const webServer: Deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web-server' } };

export default defineComponent({
  name: 'autoscaling',
  values: z.object({
    minReplicas: z.number().int().min(1).default(1),
    maxReplicas: z.number().int().min(1).default(4),
    targetCpuPercent: z.number().int().min(1).max(100).default(70),
  }),
  build(values) {
    if (values.maxReplicas < values.minReplicas) {
      throw new Error(`maxReplicas (${values.maxReplicas}) is below minReplicas (${values.minReplicas})`);
    }
    return horizontalPodAutoscaler({
      for: webServer,
      minReplicas: values.minReplicas,
      maxReplicas: values.maxReplicas,
      cpu: values.targetCpuPercent,
    });
  },
});
