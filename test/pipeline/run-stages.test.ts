import { describe, expect, test } from 'vitest';
import { defineEnvironment } from '../../src/define/environment.ts';
import { KasaneError } from '../../src/errors.ts';
import type { Resource, TraceStep } from '../../src/k8s/resource.ts';
import { runStages } from '../../src/pipeline/run-stages.ts';
import type { RenderState, Stage, StageContext } from '../../src/pipeline/stage.ts';
import { STAGES } from '../../src/pipeline/stages.ts';

const env = defineEnvironment({ name: 'dev' });
const context = (options: StageContext['options'] = {}): StageContext => ({
  project: { config: { out: 'rendered', environmentsDir: 'environments' }, environments: [env], files: new Map() },
  options,
  env,
  chain: [env],
  plan: { components: [], scopes: [] },
});
const start = (): RenderState => ({ resources: [], findings: [], secretValues: new Set() });
const secret = (value: string): Resource => ({ object: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { password: value } }, component: 'db' });

/** A stage that records that it ran and returns `change(state)`. */
function stage(name: string, ran: string[], change: (state: RenderState) => RenderState = (s) => s): Stage {
  return { name, run: (state) => (ran.push(name), change(state)) };
}

describe('STAGES', () => {
  test('lists the stages of a render in order', () => {
    expect(STAGES.map((s) => s.name)).toEqual(['build', 'secrets', 'overlay', 'seal', 'validate', 'emit']);
  });
});

describe('runStages', () => {
  test('stops after the first stage that leaves an error finding', () => {
    const ran: string[] = [];
    const failing = stage('b', ran, (s) => ({ ...s, findings: [...s.findings, { severity: 'error', code: 'test/failed', message: 'failed' }] }));
    const state = runStages([stage('a', ran, (s) => ({ ...s, findings: [{ severity: 'warning', code: 'test/warned', message: 'warned' }] })), failing, stage('c', ran)], start(), context());
    expect(ran).toEqual(['a', 'b']);
    expect(state.findings.map((f) => f.code)).toEqual(['test/warned', 'test/failed']);
  });

  test('turns a KasaneError a stage throws into its findings, stamped with the environment, and stops', () => {
    const ran: string[] = [];
    const throwing: Stage = {
      name: 'b',
      run: () => {
        throw new KasaneError({ severity: 'error', code: 'test/thrown', message: 'thrown' });
      },
    };
    const state = runStages([stage('a', ran, (s) => ({ ...s, resources: [secret('x')] })), throwing, stage('c', ran)], start(), context());
    expect(ran).toEqual(['a']);
    expect(state.findings).toEqual([{ env: 'dev', severity: 'error', code: 'test/thrown', message: 'thrown' }]);
    expect(state.resources).toHaveLength(1);
  });

  test('skips a stage whose `when` says no, and times and traces every stage that ran', () => {
    const ran: string[] = [];
    const traced: TraceStep[] = [];
    const timings: Record<string, number> = {};
    const skipped: Stage = { ...stage('b', ran), when: () => false };
    runStages([stage('a', ran), skipped, stage('c', ran)], start(), context({ trace: (step) => traced.push(step) }), timings);
    expect(ran).toEqual(['a', 'c']);
    expect(Object.keys(timings)).toEqual(['a', 'c']);
    expect(traced).toEqual([
      { env: 'dev', step: 'a' },
      { env: 'dev', step: 'c' },
    ]);
  });

  test('notes the secret values the objects hold after each stage', () => {
    const state = runStages([stage('a', [], (s) => ({ ...s, resources: [secret('hunter2')] })), stage('b', [], (s) => ({ ...s, resources: [] }))], start(), context());
    expect([...state.secretValues]).toEqual(['hunter2']);
  });

  test('passes on an error that is not a finding with the secret values met so far scrubbed', () => {
    const bug: Stage = {
      name: 'b',
      run: () => {
        throw new Error('cannot use hunter2 here');
      },
    };
    expect(() => runStages([stage('a', [], (s) => ({ ...s, resources: [secret('hunter2')] })), bug], start(), context())).toThrowError('cannot use <redacted> here');
  });
});
