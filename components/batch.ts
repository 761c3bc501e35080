// batch: a one-off Job that runs several pods in parallel with a retry limit, and a CronJob
// that runs a report every night.
import { container, cronJob, defineComponent, job, z } from 'kasane';

export default defineComponent({
  name: 'batch',
  values: z.object({
    parallelism: z.number().int().min(1).default(2),
    completions: z.number().int().min(1).default(4),
    backoffLimit: z.number().int().min(0).default(3),
    reportSchedule: z.string().default('30 2 * * *'),
  }),
  build(values) {
    const worker = container({
      name: 'worker',
      image: 'busybox:1.36',
      command: ['sh', '-c', 'echo processing batch item; sleep 5'],
      resources: { requests: { cpu: '50m', memory: '32Mi' }, limits: { memory: '64Mi' } },
    });
    return [
      job({
        name: 'import-photos',
        parallelism: values.parallelism,
        completions: values.completions,
        backoffLimit: values.backoffLimit,
        containers: [worker],
      }),
      cronJob({
        name: 'nightly-report',
        schedule: values.reportSchedule,
        concurrencyPolicy: 'Forbid',
        backoffLimit: values.backoffLimit,
        containers: [{ ...worker, name: 'report', command: ['sh', '-c', 'echo nightly report'] }],
      }),
    ];
  },
});
