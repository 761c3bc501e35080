/**
 * Environments as data: which components render, with which values, and the overlay on top
 * (generators, patches, transforms), optionally layered over another environment. Made by
 * `defineEnvironment` (define/environment.ts); every stage reads the chain from the root down.
 */
import { KasaneError, didYouMean, type SourceLocation } from '../errors.ts';
import type { Component, ComponentUse } from './component.ts';
import type { Group, GroupUse } from './group.ts';
import type { LevelOverlay } from './overlay-options.ts';
import type { SortOptions } from '../k8s/kind-order.ts';

export type { Transform, TransformContext } from './transform.ts';

/** The props of `defineEnvironment`. */
export interface EnvironmentProps extends LevelOverlay {
  /** Environment name: a lowercase DNS label; the output folder is named after it. */
  name: string;
  /**
   * The environment this one layers over: its components, values and overlay come first.
   * @default none
   */
  extends?: Environment;
  /**
   * Only extended, never rendered on its own (a shared base).
   * @default false
   */
  abstract?: boolean;
  /**
   * Kubernetes version of this environment's cluster, e.g. '1.32' (`v1.32` and `1.32.4` work
   * too): its schema and API lifecycle validate the output. Environments that extend this one
   * inherit it unless they set their own.
   * @default the nearest extended environment's, else `kubernetesVersion` of kasane.config.ts, else the newest minor kasane has
   */
  kubernetesVersion?: string;
  /**
   * Components and groups to render, bare or with values (`api.with({ replicas: 3 })`,
   * `frontend.with({ web: { replicas: 3 } })`). A component or group that the parent
   * environment already renders is not added twice: its values here layer over the parent's.
   * @default []
   */
  components?: readonly (Component<any> | ComponentUse<any> | Group | GroupUse)[];
  /**
   * The order of the rendered objects (Kustomize `sortOptions`). Read only from the
   * environment being rendered, as Kustomize reads only the top kustomization's.
   * @default Kustomize's legacy order
   */
  sortOptions?: SortOptions;
  /**
   * What the render adds to every object about how it was built (Kustomize `buildMetadata`).
   * Read only from the environment being rendered.
   * @default nothing
   */
  buildMetadata?: BuildMetadata;
}

export type { SortOptions };

/** Kustomize's `buildMetadata`. */
export interface BuildMetadata {
  /**
   * Label every object `app.kubernetes.io/managed-by: <this text>`. Kustomize writes
   * `kustomize-<version>` (`kustomize-(devel)` for the Kustomize built into kubectl).
   * @default no label
   */
  managedByLabel?: string;
  /**
   * Annotate every object `alpha.config.kubernetes.io/transformations` with the Kustomize
   * builtin transformers that ran over it, changed or not, in order (Kustomize
   * `buildMetadata: [transformerAnnotations]`): each with the `configuredIn` of the level that
   * declared it. Transform functions are not Kustomize transformers and are not listed.
   * @default no annotation
   */
  transformerAnnotations?: boolean;
}

/** An environment, as returned by `defineEnvironment`. */
export interface Environment extends Omit<EnvironmentProps, 'components'> {
  readonly kind: 'kasane.environment';
  readonly components: readonly (ComponentUse<any> | GroupUse)[];
  readonly source?: SourceLocation;
}

/** True for a value made by `defineEnvironment`. */
export function isEnvironment(value: unknown): value is Environment {
  return (value as Environment | undefined)?.kind === 'kasane.environment';
}

/**
 * The chain from the root environment down to `env` (`[base, staging, prod]`).
 * @throws KasaneError `project/extends-cycle` printing the chain.
 */
export function environmentChain(env: Environment): Environment[] {
  const chain: Environment[] = [];
  for (let at: Environment | undefined = env; at; at = at.extends) {
    if (chain.includes(at)) {
      const names = [...chain, at].map((e) => e.name).join(' → ');
      throw new KasaneError({
        severity: 'error',
        code: 'project/extends-cycle',
        message: `environments extend each other in a cycle: ${names}`,
        hint: 'remove one of the extends links',
        env: env.name,
        ...(env.source ? { source: env.source } : {}),
      });
    }
    chain.push(at);
  }
  return chain.reverse();
}

/** Finds an environment by name or throws `cli/unknown-environment` listing the known ones. */
export function findEnvironment(envs: readonly Environment[], name: string): Environment {
  const found = envs.find((e) => e.name === name);
  if (found) return found;
  const known = envs.map((e) => e.name);
  throw new KasaneError({
    severity: 'error',
    code: 'cli/unknown-environment',
    message: `unknown environment '${name}'${didYouMean(name, known)}`,
    hint: known.length ? `known environments: ${known.join(', ')}` : 'add an environment file under environments/',
  });
}
