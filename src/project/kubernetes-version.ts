/**
 * Which Kubernetes version an environment is validated against: its own `kubernetesVersion`,
 * else the nearest environment it extends that sets one (clusters upgrade one at a time), else
 * the project's, else the newest minor kasane has schema data for.
 */
import { resolveKubernetesVersion } from '../k8s/schema/load.ts';
import type { ProjectConfig } from './config.ts';
import type { Environment } from './environment.ts';

/**
 * The `major.minor` an environment is validated against.
 * @param chain the environment and those it extends, root first (`environmentChain(env)`).
 * @throws {KasaneError} `config/unsupported-kubernetes-version` for a version without schema data.
 */
export function kubernetesVersionOf(chain: readonly Pick<Environment, 'kubernetesVersion'>[], config: Pick<ProjectConfig, 'kubernetesVersion'>): string {
  return resolveKubernetesVersion([declaredKubernetesVersion(chain, config)]);
}

/**
 * The Kubernetes version an environment declares, as written (`1.30.2` keeps its patch, which a
 * Helm chart may compare): its own, else the nearest extended environment's, else the
 * project's; undefined when none sets one.
 */
export function declaredKubernetesVersion(chain: readonly Pick<Environment, 'kubernetesVersion'>[], config: Pick<ProjectConfig, 'kubernetesVersion'>): string | undefined {
  return [...chain.map((e) => e.kubernetesVersion).reverse(), config.kubernetesVersion].find((v) => v !== undefined);
}
