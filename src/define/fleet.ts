/**
 * `defineFleet`: environments generated from a typed list, each checked and named.
 */
import { KasaneError } from '../errors.ts';
import { isEnvironment, type Environment } from '../project/environment.ts';
import type { Fleet, FleetProps } from '../project/fleet.ts';
import { jsonText } from '../util/json-text.ts';
import { callSite } from './call-site.ts';

const fleetName = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Declares a fleet: one environment per member of a typed list.
 *
 * @throws KasaneError `project/invalid-fleet` on a bad name, `members` that is not a list, an
 *   `environment` function that does not return `defineEnvironment(...)`, or two members whose
 *   environments have the same name.
 * @example
 * const clusters = [{ cluster: 'ams', region: 'eu-west' }, { cluster: 'iad', region: 'us-east' }] as const;
 * export default defineFleet({
 *   name: 'edge',
 *   members: clusters.flatMap((c) => (['staging', 'prod'] as const).map((stage) => ({ ...c, stage }))),
 *   environment: (m) => defineEnvironment({ name: `${m.stage}-${m.cluster}`, extends: base, labels: { region: m.region } }),
 * });
 */
export function defineFleet<M>(props: FleetProps<M>): Fleet<M> {
  const source = callSite();
  const fail = (message: string, hint: string, path?: (string | number)[]): never => {
    throw new KasaneError({
      severity: 'error',
      code: 'project/invalid-fleet',
      message,
      hint,
      ...(path ? { path } : {}),
      ...(source ? { source } : {}),
    });
  };
  if (typeof props?.name !== 'string' || !fleetName.test(props.name))
    fail(`expected a lowercase DNS label as fleet name, found ${JSON.stringify(props?.name)}`, "write defineFleet({ name: 'edge', members, environment })");
  if (!Array.isArray(props.members)) fail(`expected 'members' of fleet '${props.name}' to be a list`, 'pass the typed list the environments come from, e.g. members: clusters');
  if (typeof props.environment !== 'function') fail(`expected an 'environment' function in fleet '${props.name}'`, 'write environment: (member) => defineEnvironment({ name: ..., ... })');
  const byName = new Map<string, number>();
  const environments: Environment[] = props.members.map((member, i) => {
    const env: unknown = props.environment(member, i);
    if (!isEnvironment(env)) {
      return fail(`expected the environment of member ${i} of fleet '${props.name}' to be defineEnvironment(...)`, 'return defineEnvironment({ name, ... }) from environment(member)', ['members', i]);
    }
    const first = byName.get(env.name);
    if (first !== undefined) {
      fail(
        `members ${first} and ${i} of fleet '${props.name}' both make environment '${env.name}': ${jsonText(props.members[first])} and ${jsonText(member)}`,
        'build the environment name from every field that tells members apart, e.g. `${m.stage}-${m.cluster}`',
        ['members', i],
      );
    }
    byName.set(env.name, i);
    return env;
  });
  return { kind: 'kasane.fleet', name: props.name, members: props.members, environments, ...(source ? { source } : {}) };
}
