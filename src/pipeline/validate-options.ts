/**
 * What the validate stage (and `kasane validate -f`) checks, as the project's configuration asks.
 */
import type { ResolvedConfig } from '../project/config.ts';
import type { KObject } from '../k8s/object.ts';
import type { ValidateOptions } from '../validate/index.ts';

/** The validation options a project's configuration asks for (policies, external objects, CRDs, version). */
export function validateOptionsOf(config: ResolvedConfig): ValidateOptions {
  return {
    ...(config.kubernetesVersion ? { kubernetesVersion: config.kubernetesVersion } : {}),
    ...(config.policies ? { policies: config.policies as ValidateOptions['policies'] } : {}),
    ...(config.policyOverrides ? { policyOverrides: config.policyOverrides } : {}),
    ...(config.external ? { external: config.external } : {}),
    ...(config.crds ? { crds: config.crds as unknown as KObject[] } : {}),
  };
}
