/**
 * Storage builders: PersistentVolume, PersistentVolumeClaim and StatefulSet claim templates.
 */
import type { PersistentVolume, PersistentVolumeClaim, PersistentVolumeClaimSpec, PersistentVolumeSpec } from 'kubernetes-types/core/v1.js';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import { freshCopy } from './fresh-copy.ts';
import { objectMeta } from './object-meta.ts';
import type { MetaProps } from './object-meta.ts';

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

/**
 * A volume claim template for a StatefulSet (no apiVersion/kind, as templates are usually written).
 * @example
 * claimTemplate({ name: 'data', storage: '10Gi' })
 */
export function claimTemplate(props: ClaimTemplateProps): PersistentVolumeClaim {
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

/**
 * A PersistentVolumeClaim.
 * @example
 * const data = persistentVolumeClaim({ name: 'photos', storage: '10Gi' });
 */
export function persistentVolumeClaim(props: PersistentVolumeClaimProps): PersistentVolumeClaim {
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

/**
 * A PersistentVolume (cluster-scoped); give its source in `spec`.
 * @example
 * const pv = persistentVolume({ name: 'photos', storage: '10Gi', spec: { hostPath: { path: '/data/photos' } } });
 */
export function persistentVolume(props: PersistentVolumeProps): PersistentVolume {
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
