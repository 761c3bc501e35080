/**
 * RBAC builders: ServiceAccount, Role, ClusterRole, RoleBinding, ClusterRoleBinding. Bindings
 * take the Role and ServiceAccount objects themselves.
 */
import type { LocalObjectReference, Secret, ServiceAccount } from '../k8s/api/core/v1.ts';
import type { AggregationRule, ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding, RoleRef, Subject } from '../k8s/api/rbac/v1.ts';
import { builderError } from './builder-error.ts';
import { freshCopy } from './fresh-copy.ts';
import { metaShape, objectMeta } from './object-meta.ts';
import type { MetaProps } from './object-meta.ts';
import { checkProps, propShape } from './prop-check.ts';
import type { PropShape } from './prop-check.ts';

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const CLUSTER_ROLE_HINT = 'bind a namespaced Role with roleBinding(), or make the role a clusterRole()';

function check(props: unknown, shape: PropShape, builder: string, kind: string, apiVersion = `${RBAC_GROUP}/v1`): void {
  checkProps(props, shape, { builder, object: { apiVersion, kind } });
}

/** Props of {@link serviceAccount}. */
export interface ServiceAccountProps extends MetaProps {
  /**
   * Mount the API token into pods.
   * @default unset (true)
   */
  automountServiceAccountToken?: boolean;
  /**
   * Registry credentials for pods running as this account (Secret objects or names).
   * @default unset
   */
  imagePullSecrets?: (Secret | string)[];
}

/** The props {@link serviceAccount} takes. */
export const serviceAccountShape = propShape<ServiceAccountProps>(
  'ServiceAccountProps',
  ['automountServiceAccountToken', 'imagePullSecrets'],
  { relations: { imagePullSecrets: { kinds: ['Secret'], literals: true, list: true } } },
  [metaShape],
);

/**
 * A ServiceAccount.
 * @throws KasaneError `builder/unknown-prop`, `builder/invalid-relation`.
 * @example
 * const collector = serviceAccount({ name: 'log-collector', automountServiceAccountToken: false });
 */
export function serviceAccount(props: ServiceAccountProps): ServiceAccount {
  check(props, serviceAccountShape, 'serviceAccount', 'ServiceAccount', 'v1');
  const obj: ServiceAccount = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: objectMeta(props) };
  if (props.automountServiceAccountToken !== undefined) obj.automountServiceAccountToken = props.automountServiceAccountToken;
  if (props.imagePullSecrets !== undefined) obj.imagePullSecrets = props.imagePullSecrets.map(localRef);
  return freshCopy(obj);
}

/** Props of {@link role}. */
export interface RoleProps extends MetaProps {
  /** What the role allows. */
  rules: PolicyRule[];
}

/** The props {@link role} takes. */
export const roleShape = propShape<RoleProps>('RoleProps', ['rules'], {}, [metaShape]);

/**
 * A namespaced Role.
 * @throws KasaneError `builder/unknown-prop`.
 * @example
 * const reader = role({ name: 'pod-reader', rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }] });
 */
export function role(props: RoleProps): Role {
  check(props, roleShape, 'role', 'Role');
  return freshCopy({ apiVersion: `${RBAC_GROUP}/v1`, kind: 'Role', metadata: objectMeta(props), rules: props.rules });
}

/** Props of {@link clusterRole}. */
export interface ClusterRoleProps extends Omit<MetaProps, 'namespace'> {
  /**
   * What the role allows.
   * @default unset (for an aggregated role)
   */
  rules?: PolicyRule[];
  /**
   * Build the rules from other ClusterRoles by label.
   * @default unset
   */
  aggregationRule?: AggregationRule;
}

/** The props {@link clusterRole} takes. */
export const clusterRoleShape = propShape<ClusterRoleProps>('ClusterRoleProps', ['rules', 'aggregationRule'], { omit: ['namespace'] }, [metaShape]);

/**
 * A ClusterRole.
 * @throws KasaneError `builder/unknown-prop`.
 * @example
 * const nodeReader = clusterRole({ name: 'node-reader', rules: [{ apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list'] }] });
 */
export function clusterRole(props: ClusterRoleProps): ClusterRole {
  check(props, clusterRoleShape, 'clusterRole', 'ClusterRole');
  const obj: ClusterRole = { apiVersion: `${RBAC_GROUP}/v1`, kind: 'ClusterRole', metadata: objectMeta(props) };
  if (props.rules !== undefined) obj.rules = props.rules;
  if (props.aggregationRule !== undefined) obj.aggregationRule = props.aggregationRule;
  return freshCopy(obj);
}

/** Props of {@link roleBinding}. */
export interface RoleBindingProps extends Partial<MetaProps> {
  /** The Role or ClusterRole object, or a literal `RoleRef`. */
  role: Role | ClusterRole | RoleRef;
  /**
   * Who gets the role: ServiceAccount objects or literal `Subject`s. A ServiceAccount without
   * a namespace is written without one; the namespace transform fills it in.
   */
  subjects: (ServiceAccount | Subject)[];
}

/** The props {@link roleBinding} takes. */
export const roleBindingShape = propShape<RoleBindingProps>(
  'RoleBindingProps',
  ['role', 'subjects'],
  {
    relations: {
      role: { kinds: ['Role', 'ClusterRole'], literals: true, hint: 'pass a Role or ClusterRole object, or a RoleRef { apiGroup, kind, name }' },
      subjects: { kinds: ['ServiceAccount'], literals: true, list: true, hint: 'pass ServiceAccount objects, or Subject literals { kind, name }' },
    },
  },
  [metaShape],
);

/**
 * A RoleBinding (grants a Role, or a ClusterRole within one namespace).
 * @throws KasaneError `builder/unknown-prop`, `builder/invalid-relation`.
 * @example
 * const binding = roleBinding({ role: reader, subjects: [collector] });
 */
export function roleBinding(props: RoleBindingProps): RoleBinding {
  check(props, roleBindingShape, 'roleBinding', 'RoleBinding');
  const roleRef = roleRefOf(props.role);
  const name = props.name ?? roleRef.name;
  return freshCopy({ apiVersion: `${RBAC_GROUP}/v1`, kind: 'RoleBinding', metadata: objectMeta({ ...props, name }), roleRef, subjects: props.subjects.map(subjectOf) });
}

/** Props of {@link clusterRoleBinding}. */
export interface ClusterRoleBindingProps extends Omit<RoleBindingProps, 'namespace' | 'role'> {
  /** The ClusterRole object or a literal `RoleRef`. */
  role: ClusterRole | RoleRef;
}

/** The props {@link clusterRoleBinding} takes. */
export const clusterRoleBindingShape = propShape<ClusterRoleBindingProps>(
  'ClusterRoleBindingProps',
  ['role'],
  { omit: ['namespace'], relations: { role: { kinds: ['ClusterRole'], literals: true, code: 'builder/invalid-role-kind', hint: CLUSTER_ROLE_HINT } } },
  [roleBindingShape],
);

/**
 * A ClusterRoleBinding.
 * @throws KasaneError `builder/unknown-prop`, `builder/invalid-relation`; `builder/invalid-role-kind`
 *   when `role` is not a ClusterRole.
 * @example
 * const binding = clusterRoleBinding({ role: nodeReader, subjects: [collector] });
 */
export function clusterRoleBinding(props: ClusterRoleBindingProps): ClusterRoleBinding {
  check(props, clusterRoleBindingShape, 'clusterRoleBinding', 'ClusterRoleBinding');
  const roleRef = roleRefOf(props.role);
  const name = props.name ?? roleRef.name;
  if (roleRef.kind !== 'ClusterRole') {
    throw builderError('builder/invalid-role-kind', `expected a ClusterRole, received ${roleRef.kind} '${roleRef.name}'`, {
      object: { apiVersion: `${RBAC_GROUP}/v1`, kind: 'ClusterRoleBinding', name },
      path: ['roleRef', 'kind'],
      hint: CLUSTER_ROLE_HINT,
    });
  }
  return freshCopy({ apiVersion: `${RBAC_GROUP}/v1`, kind: 'ClusterRoleBinding', metadata: objectMeta({ ...props, name }), roleRef, subjects: props.subjects.map(subjectOf) });
}

function roleRefOf(r: Role | ClusterRole | RoleRef): RoleRef {
  if ('metadata' in r || 'rules' in r || 'aggregationRule' in r || 'apiVersion' in r) {
    const obj = r as Role | ClusterRole;
    return { apiGroup: RBAC_GROUP, kind: obj.kind ?? 'Role', name: obj.metadata?.name ?? '' };
  }
  return { ...(r as RoleRef) };
}

function subjectOf(s: ServiceAccount | Subject): Subject {
  if ((s as ServiceAccount).metadata !== undefined || (s as ServiceAccount).apiVersion !== undefined) {
    const sa = s as ServiceAccount;
    const subject: Subject = { kind: 'ServiceAccount', name: sa.metadata?.name ?? '' };
    if (sa.metadata?.namespace !== undefined) subject.namespace = sa.metadata.namespace;
    return subject;
  }
  return { ...(s as Subject) };
}

function localRef(s: Secret | string): LocalObjectReference {
  return { name: typeof s === 'string' ? s : (s.metadata?.name ?? '') };
}
