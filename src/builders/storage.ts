/**
 * Storage builders: PersistentVolume, PersistentVolumeClaim and StatefulSet claim templates.
 */
import type { PersistentVolume, PersistentVolumeClaim, PersistentVolumeClaimSpec, PersistentVolumeSpec } from '../k8s/api/core/v1.ts';
import type { LabelSelector } from '../k8s/api/meta/v1.ts';
import { freshCopy } from './fresh-copy.ts';
import { metaShape, objectMeta } from './object-meta.ts';
import type { MetaProps } from './object-meta.ts';
import { checkProps, propShape } from './prop-check.ts';

/** Props of {@link claimTemplate}: the short form of a StatefulSet volume claim template. */
export interface ClaimTemplateProps {
  /** Claim name; pods mount it under this volume name. */
  name: string;
  /** Requested size, e.g. `'1Gi'`. */
  storage: string;
  /**
   * Access modes.
   * @default ['ReadWriteOnce']
   */
  accessModes?: string[];
  /**
   * Storage class.
   * @default unset (the cluster's default class)
   */
  storageClassName?: string;
}

/** The props {@link claimTemplate} takes. */
export const claimTemplateShape = propShape<ClaimTemplateProps>('ClaimTemplateProps', ['name', 'storage', 'accessModes', 'storageClassName']);

/** True for the short form of a claim template (it gives `storage`), as opposed to a PVC object. */
export function isClaimTemplate(template: object): boolean {
  return 'storage' in template;
}

/**
 * A volume claim template for a StatefulSet (no apiVersion/kind, as templates are usually written).
 * @example
 * claimTemplate({ name: 'data', storage: '10Gi' })
 */
export function claimTemplate(props: ClaimTemplateProps): PersistentVolumeClaim {
  checkProps(props, claimTemplateShape, { builder: 'claimTemplate' });
  return freshCopy({ metadata: { name: props.name }, spec: claimSpec(props) });
}

/** Props of {@link persistentVolumeClaim}. */
export interface PersistentVolumeClaimProps extends MetaProps, Omit<ClaimTemplateProps, 'name'> {
  /**
   * `Filesystem` or `Block`.
   * @default unset (Filesystem)
   */
  volumeMode?: string;
  /**
   * Bind to this PersistentVolume.
   * @default unset
   */
  volumeName?: string;
  /**
   * Select volumes by label.
   * @default unset
   */
  selector?: LabelSelector;
  /**
   * Any other spec fields; they win over the props above.
   * @default unset
   */
  spec?: Partial<PersistentVolumeClaimSpec>;
}

/** The props {@link persistentVolumeClaim} takes. */
export const persistentVolumeClaimShape = propShape<PersistentVolumeClaimProps>(
  'PersistentVolumeClaimProps',
  ['storage', 'accessModes', 'storageClassName', 'volumeMode', 'volumeName', 'selector', 'spec'],
  {},
  [metaShape],
);

/**
 * A PersistentVolumeClaim.
 * @throws KasaneError `builder/unknown-prop`.
 * @example
 * const data = persistentVolumeClaim({ name: 'photos', storage: '10Gi' });
 */
export function persistentVolumeClaim(props: PersistentVolumeClaimProps): PersistentVolumeClaim {
  checkProps(props, persistentVolumeClaimShape, { builder: 'persistentVolumeClaim', object: { apiVersion: 'v1', kind: 'PersistentVolumeClaim' } });
  const spec = claimSpec(props);
  if (props.volumeMode !== undefined) spec.volumeMode = props.volumeMode;
  if (props.volumeName !== undefined) spec.volumeName = props.volumeName;
  if (props.selector !== undefined) spec.selector = props.selector;
  return freshCopy({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: objectMeta(props), spec: { ...spec, ...props.spec } });
}

/** Props of {@link persistentVolume}. */
export interface PersistentVolumeProps extends Omit<MetaProps, 'namespace'> {
  /** Capacity, e.g. `'10Gi'`. */
  storage: string;
  /**
   * Access modes.
   * @default ['ReadWriteOnce']
   */
  accessModes?: string[];
  /**
   * Storage class.
   * @default unset
   */
  storageClassName?: string;
  /**
   * `Retain`, `Delete` or `Recycle`.
   * @default unset (Retain for manually created volumes)
   */
  persistentVolumeReclaimPolicy?: string;
  /**
   * The volume source and any other spec fields (`hostPath`, `nfs`, `csi`, ...); they win over the props above.
   * @default unset
   */
  spec?: Partial<PersistentVolumeSpec>;
}

/** The props {@link persistentVolume} takes. */
export const persistentVolumeShape = propShape<PersistentVolumeProps>(
  'PersistentVolumeProps',
  ['storage', 'accessModes', 'storageClassName', 'persistentVolumeReclaimPolicy', 'spec'],
  { omit: ['namespace'] },
  [metaShape],
);

/**
 * A PersistentVolume (cluster-scoped); give its source in `spec`.
 * @throws KasaneError `builder/unknown-prop`.
 * @example
 * const pv = persistentVolume({ name: 'photos', storage: '10Gi', spec: { hostPath: { path: '/data/photos' } } });
 */
export function persistentVolume(props: PersistentVolumeProps): PersistentVolume {
  checkProps(props, persistentVolumeShape, { builder: 'persistentVolume', object: { apiVersion: 'v1', kind: 'PersistentVolume' } });
  const spec: PersistentVolumeSpec = { accessModes: props.accessModes ?? ['ReadWriteOnce'], capacity: { storage: props.storage } };
  if (props.storageClassName !== undefined) spec.storageClassName = props.storageClassName;
  if (props.persistentVolumeReclaimPolicy !== undefined) spec.persistentVolumeReclaimPolicy = props.persistentVolumeReclaimPolicy;
  return freshCopy({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: objectMeta(props), spec: { ...spec, ...props.spec } });
}

function claimSpec(props: Omit<ClaimTemplateProps, 'name'>): PersistentVolumeClaimSpec {
  const spec: PersistentVolumeClaimSpec = { accessModes: props.accessModes ?? ['ReadWriteOnce'], resources: { requests: { storage: props.storage } } };
  if (props.storageClassName !== undefined) spec.storageClassName = props.storageClassName;
  return spec;
}
