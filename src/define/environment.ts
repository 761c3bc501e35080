/**
 * `defineEnvironment`: declares an environment, checks its name, `extends`, Kubernetes version
 * and component list, and records where it was written.
 */
import { KasaneError } from '../errors.ts';
import { unsupportedVersionFinding } from '../k8s/schema/load.ts';
import type { Environment, EnvironmentProps } from '../project/environment.ts';
import { callSite } from './call-site.ts';
import { memberUses } from './members.ts';
import { checkMixins } from './component-list.ts';
import { sortOptionsProblem } from '../project/sort-options.ts';

const envName = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Declares an environment.
 *
 * @throws KasaneError `project/invalid-environment` on a bad name or a component entry that is
 *   neither a component, a group nor one of them `.with(...)`; `config/unsupported-kubernetes-version` on a
 *   `kubernetesVersion` kasane has no schema data for; `project/invalid-environment` on `sortOptions`
 *   that Kustomize refuses too.
 * @example
 * export default defineEnvironment({
 *   name: 'prod',
 *   extends: base,
 *   namespace: 'shop-prod',
 *   labels: { env: 'prod' },
 *   components: [api.with({ replicas: 3 })],
 * });
 */
export function defineEnvironment(props: EnvironmentProps): Environment {
  const source = callSite();
  const fail = (message: string, hint: string): never => {
    throw new KasaneError({
      severity: 'error',
      code: 'project/invalid-environment',
      message,
      hint,
      ...(props?.name ? { env: props.name } : {}),
      ...(source ? { source } : {}),
    });
  };
  if (typeof props?.name !== 'string' || !envName.test(props.name)) {
    fail(`expected a lowercase DNS label as environment name, found ${JSON.stringify(props?.name)}`, "write defineEnvironment({ name: 'prod', ... })");
  }
  if (props.extends !== undefined && props.extends?.kind !== 'kasane.environment') {
    fail(`expected 'extends' of environment '${props.name}' to be an environment`, 'import the base environment and pass it: extends: base');
  }
  const badVersion = props.kubernetesVersion === undefined ? undefined : unsupportedVersionFinding(props.kubernetesVersion);
  if (badVersion) throw new KasaneError({ ...badVersion, env: props.name, path: ['kubernetesVersion'], ...(source ? { source } : {}) });
  const components = memberUses(props.components ?? [], source, (i, found) =>
    fail(`expected a component, a group or one of them .with(...) at components[${i}] of environment '${props.name}', found ${found}`, 'import the module and list its default export'),
  );
  checkMixins(props.mixins, `environment '${props.name}'`, fail);
  const badOrder = props.sortOptions === undefined ? undefined : sortOptionsProblem(props.sortOptions);
  if (badOrder) fail(`${badOrder.message} in environment '${props.name}'`, badOrder.hint);
  return { ...props, kind: 'kasane.environment', components, ...(source ? { source } : {}) };
}
