/**
 * Batch builders: Job and CronJob. Pods of a Job must not restart in place forever, so
 * `restartPolicy` defaults to `Never` (Kubernetes accepts only `Never` or `OnFailure`). A Job
 * gets no `selector`: the API server generates one and rejects a hand-written one unless
 * `manualSelector` is set.
 */
import type { CronJob, CronJobSpec, Job, JobSpec } from '../k8s/api/batch/v1.ts';
import { freshCopy } from './fresh-copy.ts';
import { metaShape, objectMeta } from './object-meta.ts';
import type { MetaProps } from './object-meta.ts';
import { buildPodTemplate, podLabelsFor, podTemplateShape } from './pod-template.ts';
import type { PodTemplateProps } from './pod-template.ts';
import { checkProps, propShape } from './prop-check.ts';

/** The Job fields {@link job} and {@link cronJob} share. */
export interface JobSpecProps extends PodTemplateProps {
  /**
   * `Never` or `OnFailure`.
   * @default 'Never'
   */
  restartPolicy?: 'Never' | 'OnFailure';
  /**
   * Pods running at once.
   * @default unset (1)
   */
  parallelism?: number;
  /**
   * Successful pods needed.
   * @default unset (1)
   */
  completions?: number;
  /**
   * Retries before the Job fails.
   * @default unset (6)
   */
  backoffLimit?: number;
  /**
   * Seconds the Job may run.
   * @default unset (no limit)
   */
  activeDeadlineSeconds?: number;
  /**
   * Seconds after finishing before the Job is deleted.
   * @default unset (kept)
   */
  ttlSecondsAfterFinished?: number;
}

const jobSpecShape = propShape<JobSpecProps>('JobSpecProps', ['restartPolicy', 'parallelism', 'completions', 'backoffLimit', 'activeDeadlineSeconds', 'ttlSecondsAfterFinished'], {}, [
  podTemplateShape,
]);

/** Props of {@link job}. */
export interface JobProps extends MetaProps, JobSpecProps {
  /**
   * Any other `JobSpec` fields; they win over the props above.
   * @default unset
   */
  spec?: Partial<JobSpec>;
}

/** The props {@link job} takes. */
export const jobShape = propShape<JobProps>('JobProps', ['spec'], {}, [metaShape, jobSpecShape]);

/**
 * A Job.
 * @throws KasaneError `builder/unknown-prop`, `builder/invalid-relation`, `builder/no-containers`,
 *   `builder/conflicting-props`, `builder/volume-conflict`.
 * @example
 * const migrate = job({ name: 'migrate', image: 'api:1.0', args: ['migrate'], parallelism: 2, backoffLimit: 3 });
 */
export function job(props: JobProps): Job {
  checkProps(props, jobShape, { builder: 'job', object: { apiVersion: 'batch/v1', kind: 'Job' } });
  const spec = { ...jobSpec('Job', props), ...props.spec };
  return freshCopy({ apiVersion: 'batch/v1', kind: 'Job', metadata: objectMeta(props, podLabelsFor(props.name, props)), spec });
}

/** Props of {@link cronJob}. */
export interface CronJobProps extends MetaProps, JobSpecProps {
  /** Cron schedule, e.g. `'0 3 * * *'`. */
  schedule: string;
  /**
   * IANA time zone of the schedule.
   * @default unset (the controller's time zone)
   */
  timeZone?: string;
  /**
   * `Allow`, `Forbid` or `Replace`.
   * @default unset (Allow)
   */
  concurrencyPolicy?: 'Allow' | 'Forbid' | 'Replace';
  /**
   * Finished Jobs to keep.
   * @default unset (3)
   */
  successfulJobsHistoryLimit?: number;
  /**
   * Failed Jobs to keep.
   * @default unset (1)
   */
  failedJobsHistoryLimit?: number;
  /**
   * Seconds a missed run may still start.
   * @default unset (no deadline)
   */
  startingDeadlineSeconds?: number;
  /**
   * Pause the schedule.
   * @default unset (false)
   */
  suspend?: boolean;
  /**
   * Any other `JobSpec` fields of the job template.
   * @default unset
   */
  jobSpec?: Partial<JobSpec>;
  /**
   * Any other `CronJobSpec` fields; they win over the props above.
   * @default unset
   */
  spec?: Partial<CronJobSpec>;
}

/** The props {@link cronJob} takes. */
export const cronJobShape = propShape<CronJobProps>(
  'CronJobProps',
  ['schedule', 'timeZone', 'concurrencyPolicy', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit', 'startingDeadlineSeconds', 'suspend', 'jobSpec', 'spec'],
  {},
  [metaShape, jobSpecShape],
);

/**
 * A CronJob.
 * @throws KasaneError `builder/unknown-prop`, `builder/invalid-relation`, `builder/no-containers`,
 *   `builder/conflicting-props`, `builder/volume-conflict`.
 * @example
 * const report = cronJob({ name: 'report', schedule: '0 3 * * *', image: 'report:1.0', concurrencyPolicy: 'Forbid' });
 */
export function cronJob(props: CronJobProps): CronJob {
  checkProps(props, cronJobShape, { builder: 'cronJob', object: { apiVersion: 'batch/v1', kind: 'CronJob' } });
  const spec: CronJobSpec = { schedule: props.schedule, jobTemplate: { spec: { ...jobSpec('CronJob', props), ...props.jobSpec } } };
  if (props.timeZone !== undefined) spec.timeZone = props.timeZone;
  if (props.concurrencyPolicy !== undefined) spec.concurrencyPolicy = props.concurrencyPolicy;
  if (props.successfulJobsHistoryLimit !== undefined) spec.successfulJobsHistoryLimit = props.successfulJobsHistoryLimit;
  if (props.failedJobsHistoryLimit !== undefined) spec.failedJobsHistoryLimit = props.failedJobsHistoryLimit;
  if (props.startingDeadlineSeconds !== undefined) spec.startingDeadlineSeconds = props.startingDeadlineSeconds;
  if (props.suspend !== undefined) spec.suspend = props.suspend;
  return freshCopy({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: objectMeta(props, podLabelsFor(props.name, props)), spec: { ...spec, ...props.spec } });
}

function jobSpec(kind: string, props: JobSpecProps & { name: string }): JobSpec {
  const template = buildPodTemplate({ apiVersion: 'batch/v1', kind, name: props.name }, props, props.restartPolicy ?? 'Never');
  const spec: JobSpec = { template };
  if (props.parallelism !== undefined) spec.parallelism = props.parallelism;
  if (props.completions !== undefined) spec.completions = props.completions;
  if (props.backoffLimit !== undefined) spec.backoffLimit = props.backoffLimit;
  if (props.activeDeadlineSeconds !== undefined) spec.activeDeadlineSeconds = props.activeDeadlineSeconds;
  if (props.ttlSecondsAfterFinished !== undefined) spec.ttlSecondsAfterFinished = props.ttlSecondsAfterFinished;
  return spec;
}
