/**
 * The environments of a project from its environment files: each file default-exports one
 * environment named after the file, or a fleet (named after the file) of generated
 * environments. Checks names and `extends` chains; pure apart from its findings.
 */
import path from 'node:path';
import { KasaneError, type Finding } from '../errors.ts';
import { environmentChain, isEnvironment, type Environment } from '../project/environment.ts';
import { isFleet } from '../project/fleet.ts';

/** The environments the files hold, with the file (relative to the root) and fleet of each. */
export interface EnvironmentSet {
  /** Every environment, abstract ones included, by file name order (a fleet's in member order). */
  environments: Environment[];
  /** Environment name → its file, relative to root. */
  environmentFiles: Map<string, string>;
  /** Environment name → the fleet that generated it. */
  environmentFleets: Map<string, string>;
}

function fail(finding: Omit<Finding, 'severity'>): never {
  throw new KasaneError({ severity: 'error', ...finding });
}

/** The environment (or fleet) name a file must hold: its name, or its folder's for `index.ts`. */
export function envNameOfFile(file: string): string {
  const base = path.basename(file, path.extname(file));
  return base === 'index' ? path.basename(path.dirname(file)) : base;
}

function checkName(kind: 'environment' | 'fleet', name: string, file: string, rel: string, line: number | undefined): void {
  if (name === envNameOfFile(file)) return;
  fail({
    code: 'load/environment-name-mismatch',
    message: `${kind} '${name}' is in '${rel}': the file name and the ${kind} name differ`,
    hint: `rename the file to ${name}${path.extname(file)} or the ${kind} to '${envNameOfFile(file)}'`,
    ...(kind === 'environment' ? { env: name } : {}),
    source: { file: rel, ...(line ? { line } : {}) },
  });
}

/**
 * Collects the environments of `files` (absolute paths) from their modules' default exports.
 * @throws KasaneError `load/not-an-environment`, `load/environment-name-mismatch`,
 *   `load/duplicate-environment`, `project/extends-cycle`.
 */
export function collectEnvironments(root: string, files: readonly string[], modules: readonly unknown[]): EnvironmentSet {
  const set: EnvironmentSet = { environments: [], environmentFiles: new Map(), environmentFleets: new Map() };
  files.forEach((file, i) => {
    const rel = path.relative(root, file);
    const value = (modules[i] as { default?: unknown }).default;
    if (isFleet(value)) {
      checkName('fleet', value.name, file, rel, value.source?.line);
      for (const env of value.environments) add(set, env, rel, value.name);
      return;
    }
    if (!isEnvironment(value)) {
      fail({
        code: 'load/not-an-environment',
        message: `expected '${rel}' to default-export defineEnvironment({...}) or defineFleet({...})`,
        hint: "add `export default defineEnvironment({ name: '" + envNameOfFile(file) + "', ... })`, or prefix the file name with '_' for a shared module",
        source: { file: rel },
      });
    }
    checkName('environment', value.name, file, rel, value.source?.line);
    add(set, value, rel, undefined);
  });
  return set;
}

function add(set: EnvironmentSet, env: Environment, rel: string, fleet: string | undefined): void {
  const earlier = set.environmentFiles.get(env.name);
  if (earlier !== undefined) {
    fail({
      code: 'load/duplicate-environment',
      message: `environment '${env.name}' is defined twice: in '${earlier}' and in '${rel}'`,
      hint: 'give each environment its own name (a fleet builds its names from its members)',
      env: env.name,
      source: { file: rel, ...(env.source?.line ? { line: env.source.line } : {}) },
    });
  }
  environmentChain(env);
  set.environments.push(env);
  set.environmentFiles.set(env.name, rel);
  if (fleet !== undefined) set.environmentFleets.set(env.name, fleet);
}
