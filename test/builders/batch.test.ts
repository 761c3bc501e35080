import { describe, expect, test } from 'vitest';
import { cronJob, job } from '../../src/builders/batch.ts';
import { deepFreeze, thrown } from './deep-freeze.ts';

const labels = { 'app.kubernetes.io/name': 'migrate' };

describe('job', () => {
  test('writes restartPolicy Never and no selector when given the minimum', () => {
    expect(job(deepFreeze({ name: 'migrate', image: 'api:1.0' }))).toStrictEqual({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'migrate', labels },
      spec: { template: { metadata: { labels }, spec: { containers: [{ name: 'migrate', image: 'api:1.0' }], restartPolicy: 'Never' } } },
    });
  });

  test('writes every field when all props are given', () => {
    const props = deepFreeze({
      name: 'migrate',
      namespace: 'shop',
      labels: { team: 'a' },
      containers: [{ name: 'migrate', image: 'api:1.0', args: ['migrate'] }],
      restartPolicy: 'OnFailure' as const,
      parallelism: 2,
      completions: 4,
      backoffLimit: 3,
      activeDeadlineSeconds: 600,
      ttlSecondsAfterFinished: 100,
      spec: { completionMode: 'Indexed' },
    });
    expect(job(props)).toStrictEqual({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'migrate', namespace: 'shop', labels: { ...labels, team: 'a' } },
      spec: {
        parallelism: 2,
        completions: 4,
        backoffLimit: 3,
        activeDeadlineSeconds: 600,
        ttlSecondsAfterFinished: 100,
        completionMode: 'Indexed',
        template: { metadata: { labels }, spec: { containers: [{ name: 'migrate', image: 'api:1.0', args: ['migrate'] }], restartPolicy: 'OnFailure' } },
      },
    });
  });

  test('leaves labels out of the Job and its template when podLabels is empty', () => {
    expect(job(deepFreeze({ name: 'j', podLabels: {}, image: 'busybox' }))).toStrictEqual({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'j' },
      spec: { template: { metadata: {}, spec: { containers: [{ name: 'j', image: 'busybox' }], restartPolicy: 'Never' } } },
    });
  });

  test('throws builder/no-containers when no container is given', () => {
    const error = thrown(() => job({ name: 'migrate' }));
    expect(error.code).toBe('builder/no-containers');
    expect(error.findings[0]!.path).toEqual(['containers']);
  });
});

describe('cronJob', () => {
  const reportLabels = { 'app.kubernetes.io/name': 'report' };

  test('writes the schedule and a job template when given the minimum', () => {
    expect(cronJob(deepFreeze({ name: 'report', schedule: '0 3 * * *', image: 'report:1.0' }))).toStrictEqual({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'report', labels: reportLabels },
      spec: {
        schedule: '0 3 * * *',
        jobTemplate: {
          spec: { template: { metadata: { labels: reportLabels }, spec: { containers: [{ name: 'report', image: 'report:1.0' }], restartPolicy: 'Never' } } },
        },
      },
    });
  });

  test('writes every field when all props are given', () => {
    const props = deepFreeze({
      name: 'report',
      schedule: '*/5 * * * *',
      timeZone: 'Asia/Tokyo',
      image: 'report:1.0',
      backoffLimit: 1,
      concurrencyPolicy: 'Forbid' as const,
      successfulJobsHistoryLimit: 2,
      failedJobsHistoryLimit: 5,
      startingDeadlineSeconds: 30,
      suspend: false,
      jobSpec: { ttlSecondsAfterFinished: 60 },
      spec: { suspend: true },
    });
    expect(cronJob(props)).toStrictEqual({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'report', labels: reportLabels },
      spec: {
        schedule: '*/5 * * * *',
        timeZone: 'Asia/Tokyo',
        concurrencyPolicy: 'Forbid',
        successfulJobsHistoryLimit: 2,
        failedJobsHistoryLimit: 5,
        startingDeadlineSeconds: 30,
        suspend: true,
        jobTemplate: {
          spec: {
            backoffLimit: 1,
            ttlSecondsAfterFinished: 60,
            template: { metadata: { labels: reportLabels }, spec: { containers: [{ name: 'report', image: 'report:1.0' }], restartPolicy: 'Never' } },
          },
        },
      },
    });
  });
});
