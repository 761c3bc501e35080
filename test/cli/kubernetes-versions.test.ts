/**
 * Kubernetes versions from the command line: each supported minor renders objects that use a
 * field or API that exists only from (or only until) that minor, and the neighbouring minor
 * reports it; versions come from an environment, the environment it extends, or the config;
 * `validate --upgrade-to` lists what an upgrade breaks with file and line. The schema facts are
 * those of test/validate/schema-versions.test.ts and test/validate/api-lifecycle.test.ts,
 * checked there against the OpenAPI documents and the deprecation guide.
 */
import { describe, expect, test } from 'vitest';
import { runCli, writeProject } from '../helpers/project.ts';

const podComponent = `
  import { defineComponent, z } from 'kasane';

  export default defineComponent({
    name: 'pod',
    values: z.object({ spec: z.record(z.string(), z.unknown()).default({}), container: z.record(z.string(), z.unknown()).default({}), extra: z.array(z.any()).default([]) }),
    build: (v) => [
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx:1.27.0', ...v.container }], ...v.spec } },
      ...v.extra,
    ],
  });
`;

function env(name: string, version: string | undefined, values: Record<string, unknown>, extra = ''): string {
  const v = version ? `kubernetesVersion: '${version}', ` : '';
  return `
    import { defineEnvironment } from 'kasane';
    import pod from '../components/pod.ts';
    ${extra}
    export default defineEnvironment({ name: '${name}', ${v}components: [pod.with(${JSON.stringify(values)})] });
  `;
}

const flowSchema = (version: string) => ({
  apiVersion: `flowcontrol.apiserver.k8s.io/${version}`,
  kind: 'FlowSchema',
  metadata: { name: 'f' },
  spec: { priorityLevelConfiguration: { name: 'global-default' } },
});

interface Case {
  minor: string;
  what: string;
  values: Record<string, unknown>;
  /** Where the values are fine. */
  valid: string;
  /** Where they are reported, with the finding's first line. */
  invalid?: string;
  finding?: string;
}

// prettier-ignore
const cases: Case[] = [
  { minor: '1.29', what: 'flowcontrol v1 (new in 1.29; v1beta2 removed in 1.29)', values: { extra: [flowSchema('v1')] }, valid: '1.29' },
  { minor: '1.29', what: 'flowcontrol v1beta2 (until 1.28)', values: { extra: [flowSchema('v1beta2')] }, valid: '', invalid: '1.29', finding: 'FlowSchema/f › apiVersion: Kubernetes 1.29 no longer serves flowcontrol.apiserver.k8s.io/v1beta2 FlowSchema (deprecated in 1.26, removed in 1.29): use flowcontrol.apiserver.k8s.io/v1 FlowSchema' },
  { minor: '1.30', what: 'recursiveReadOnly (new in 1.30)', values: { spec: { volumes: [{ name: 'v', emptyDir: {} }] }, container: { volumeMounts: [{ name: 'v', mountPath: '/v', readOnly: true, recursiveReadOnly: 'Enabled' }] } }, valid: '1.30', invalid: '1.29', finding: "Pod/p › spec.containers[0].volumeMounts[0].recursiveReadOnly: unknown field 'recursiveReadOnly'" },
  { minor: '1.31', what: 'image volume (new in 1.31)', values: { spec: { volumes: [{ name: 'v', image: { reference: 'registry.example.com/data:1' } }] } }, valid: '1.31', invalid: '1.30', finding: "Pod/p › spec.volumes[0].image: unknown field 'image'" },
  { minor: '1.31', what: 'resourceClaims[].source (until 1.30)', values: { spec: { resourceClaims: [{ name: 'gpu', source: { resourceClaimName: 'gpu' } }] } }, valid: '1.30', invalid: '1.31', finding: "Pod/p › spec.resourceClaims[0].source: unknown field 'source'" },
  { minor: '1.32', what: 'pod-level resources (new in 1.32)', values: { spec: { resources: { limits: { cpu: '1' } } } }, valid: '1.32', invalid: '1.31', finding: "Pod/p › spec.resources: unknown field 'resources'" },
  { minor: '1.32', what: 'flowcontrol v1beta3 (until 1.31)', values: { extra: [flowSchema('v1beta3')] }, valid: '1.31', invalid: '1.32', finding: 'FlowSchema/f › apiVersion: Kubernetes 1.32 no longer serves flowcontrol.apiserver.k8s.io/v1beta3 FlowSchema (deprecated in 1.29, removed in 1.32): use flowcontrol.apiserver.k8s.io/v1 FlowSchema' },
  { minor: '1.33', what: 'stopSignal (new in 1.33)', values: { container: { lifecycle: { stopSignal: 'SIGUSR1' } } }, valid: '1.33', invalid: '1.32', finding: "Pod/p › spec.containers[0].lifecycle.stopSignal: unknown field 'stopSignal'" },
  { minor: '1.34', what: 'hostnameOverride (new in 1.34)', values: { spec: { hostnameOverride: 'h' } }, valid: '1.34', invalid: '1.33', finding: "Pod/p › spec.hostnameOverride: unknown field 'hostnameOverride'" },
  { minor: '1.35', what: 'workloadRef (1.35 only)', values: { spec: { workloadRef: { name: 'w', podGroup: 'g' } } }, valid: '1.35', invalid: '1.36', finding: "Pod/p › spec.workloadRef: unknown field 'workloadRef'" },
  { minor: '1.36', what: 'schedulingGroup (new in 1.36)', values: { spec: { schedulingGroup: { podGroupName: 'g' } } }, valid: '1.36', invalid: '1.35', finding: "Pod/p › spec.schedulingGroup: unknown field 'schedulingGroup' (did you mean 'schedulingGates'?)" },
];

const envName = (minor: string) => `k${minor.replace('.', '-')}`;

describe('Kubernetes versions per environment', () => {
  test('every supported minor has a case', () => {
    expect([...new Set(cases.map((c) => c.minor))]).toEqual(['1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35', '1.36']);
  });

  test.each(cases)('$minor: $what renders where the minor has it and is reported where it does not', async ({ values, valid, invalid, finding }) => {
    const files: Record<string, string> = { 'components/pod.ts': podComponent };
    if (valid) files[`environments/${envName(valid)}.ts`] = env(envName(valid), valid, values);
    if (invalid) files[`environments/${envName(invalid)}.ts`] = env(envName(invalid), invalid, values);
    const dir = writeProject(files);
    if (valid) {
      const r = await runCli(['render', envName(valid), '--stdout'], dir);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).not.toContain('error:');
    }
    if (invalid) {
      const r = await runCli(['validate', envName(invalid)], dir);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain(`error: ${envName(invalid)} › ${finding} (components/pod.ts:3)`);
      expect((await runCli(['render', envName(invalid), '--stdout'], dir)).code).toBe(1);
    }
  });

  test('an environment inherits the version of the one it extends, else the config, else the newest', async () => {
    const stopSignal = { container: { lifecycle: { stopSignal: 'SIGUSR1' } } };
    const dir = writeProject({
      'kasane.config.ts': `import { defineConfig } from 'kasane';\nexport default defineConfig({ kubernetesVersion: '1.32' });\n`,
      'components/pod.ts': podComponent,
      'environments/base.ts': `
        import { defineEnvironment } from 'kasane';
        export default defineEnvironment({ name: 'base', abstract: true, kubernetesVersion: 'v1.33.2' });
      `,
      'environments/child.ts': env('child', undefined, stopSignal, "import base from './base.ts';").replace("name: 'child', ", "name: 'child', extends: base, "),
      'environments/plain.ts': env('plain', undefined, stopSignal),
      'environments/older.ts': env('older', '1.32', stopSignal, "import base from './base.ts';").replace("name: 'older', ", "name: 'older', extends: base, "),
    });
    const r = await runCli(['validate'], dir);
    expect(r.code).toBe(1);
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('error:'));
    expect(errors).toEqual([
      "error: older › Pod/p › spec.containers[0].lifecycle.stopSignal: unknown field 'stopSignal' (components/pod.ts:3)",
      "error: plain › Pod/p › spec.containers[0].lifecycle.stopSignal: unknown field 'stopSignal' (components/pod.ts:3)",
    ]);
  });

  test('--kubernetes-version validates every environment against another minor', async () => {
    const dir = writeProject({ 'components/pod.ts': podComponent, 'environments/dev.ts': env('dev', '1.34', { spec: { hostnameOverride: 'h' } }) });
    expect((await runCli(['validate'], dir)).code).toBe(0);
    const r = await runCli(['validate', '--kubernetes-version', '1.33'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error: dev › Pod/p › spec.hostnameOverride: unknown field 'hostnameOverride' (components/pod.ts:3)");
  });

  test.each([
    [
      'kasane.config.ts',
      { 'kasane.config.ts': `import { defineConfig } from 'kasane';\nexport default defineConfig({ kubernetesVersion: '1.27' });\n` },
      'error: kubernetesVersion: expected a Kubernetes version kasane has schema data for (1.29 to 1.36), found "1.27" (kasane.config.ts)',
    ],
    ['an environment', { 'environments/dev.ts': env('dev', 'latest', {}) }, `error: dev › kubernetesVersion: expected a Kubernetes version such as '1.36', found "latest" (environments/dev.ts:4)`],
  ])('refuses an unsupported version in %s before anything renders (exit 2)', async (_where, files, first) => {
    const dir = writeProject({ 'components/pod.ts': podComponent, 'environments/dev.ts': env('dev', undefined, {}), ...files });
    const r = await runCli(['render'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(first);
    expect(r.stderr).toContain('code: config/unsupported-kubernetes-version');
  });
});

describe('kasane validate --upgrade-to', () => {
  const project = () =>
    writeProject({
      'components/pod.ts': podComponent,
      'environments/prod.ts': env('prod', '1.30', { spec: { resourceClaims: [{ name: 'gpu', source: { resourceClaimName: 'gpu' } }] }, extra: [flowSchema('v1beta3')] }),
      'environments/dev.ts': env('dev', '1.34', { spec: { hostnameOverride: 'h' } }),
    });

  test('lists per environment what only the target reports and every removed API, with file and line; exit 1', async () => {
    const r = await runCli(['validate', '--upgrade-to', '1.34'], project());
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n').filter((l) => /^(error|warning):/.test(l))).toEqual([
      'error: prod › FlowSchema/f › apiVersion: Kubernetes 1.34 no longer serves flowcontrol.apiserver.k8s.io/v1beta3 FlowSchema (deprecated in 1.29, removed in 1.32): use flowcontrol.apiserver.k8s.io/v1 FlowSchema (components/pod.ts:3)',
      "error: prod › Pod/p › spec.resourceClaims[0].source: unknown field 'source' (components/pod.ts:3)",
    ]);
    expect(r.stderr).toContain('upgrade to Kubernetes 1.34 (dev 1.34 → 1.34, prod 1.30 → 1.34): the upgrade breaks what is listed above\n');
  });

  test('lists a deprecation that is already there as well, and passes when nothing breaks', async () => {
    const dir = writeProject({ 'components/pod.ts': podComponent, 'environments/prod.ts': env('prod', '1.30', { extra: [flowSchema('v1beta3')] }) });
    const r = await runCli(['validate', '--upgrade-to', '1.31', '--json'], dir);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { code: string; severity: string }[]).map((f) => `${f.severity} ${f.code}`)).toEqual(['warning schema/deprecated-api']);
  });

  test('refuses an unsupported target with exit 2', async () => {
    const r = await runCli(['validate', '--upgrade-to', '2.0'], project());
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('error: --upgrade-to: expected a Kubernetes version kasane has schema data for (1.29 to 1.36), found "2.0"');
  });
});
