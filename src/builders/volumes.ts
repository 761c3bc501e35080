/**
 * Volumes that travel with their mounts: `mount(source, { mountPath })` returns a VolumeMount
 * that remembers its Volume, and the workload builders add those volumes to the pod spec.
 */
import type { ConfigMap, PersistentVolumeClaim, Secret, Volume, VolumeMount } from '../k8s/api/core/v1.ts';
import { isDeepStrictEqual } from 'node:util';
import { builderError } from './builder-error.ts';
import { freshCopy } from './fresh-copy.ts';
import { checkProps, checkRelation, propShape } from './prop-check.ts';

// Non-enumerable, so `toEqual`, JSON and YAML never see it; freshCopy keeps it.
const VOLUME = Symbol.for('kasane.volume');

/** What a volume mount can come from: a ConfigMap, Secret or PVC object, or any `Volume`. */
export type VolumeSource = ConfigMap | Secret | PersistentVolumeClaim | Volume;

/** Props of {@link emptyDir}. */
export interface EmptyDirProps {
  /** Volume name. */
  name: string;
  /**
   * `Memory` for a tmpfs.
   * @default unset (node disk)
   */
  medium?: string;
  /**
   * Size limit, e.g. `'1Gi'`.
   * @default unset
   */
  sizeLimit?: string;
}

/** The props {@link emptyDir} takes. */
export const emptyDirShape = propShape<EmptyDirProps>('EmptyDirProps', ['name', 'medium', 'sizeLimit']);

/**
 * An `emptyDir` volume.
 * @throws KasaneError `builder/unknown-prop`.
 * @example
 * mount(emptyDir({ name: 'cache', medium: 'Memory' }), { mountPath: '/cache' })
 */
export function emptyDir(props: EmptyDirProps): Volume {
  checkProps(props, emptyDirShape, { builder: 'emptyDir' });
  const source: Volume['emptyDir'] = {};
  if (props.medium !== undefined) source.medium = props.medium;
  if (props.sizeLimit !== undefined) source.sizeLimit = props.sizeLimit;
  return { name: props.name, emptyDir: source };
}

/** Props of {@link hostPath}. */
export interface HostPathProps {
  /** Volume name. */
  name: string;
  /** Path on the node. */
  path: string;
  /**
   * `Directory`, `DirectoryOrCreate`, `File`, `Socket`, ...
   * @default unset (no check)
   */
  type?: string;
}

/** The props {@link hostPath} takes. */
export const hostPathShape = propShape<HostPathProps>('HostPathProps', ['name', 'path', 'type']);

/**
 * A `hostPath` volume.
 * @throws KasaneError `builder/unknown-prop`.
 * @example
 * mount(hostPath({ name: 'varlog', path: '/var/log' }), { mountPath: '/var/log', readOnly: true })
 */
export function hostPath(props: HostPathProps): Volume {
  checkProps(props, hostPathShape, { builder: 'hostPath' });
  return { name: props.name, hostPath: props.type === undefined ? { path: props.path } : { path: props.path, type: props.type } };
}

/** Options of {@link mount}. */
export interface MountOptions {
  mountPath: string;
  /**
   * Mount read-only.
   * @default unset (read-write)
   */
  readOnly?: boolean;
  /**
   * Mount one entry of the volume.
   * @default unset (the whole volume)
   */
  subPath?: string;
  /**
   * Volume name.
   * @default the source object's `metadata.name`, or the Volume's name
   */
  name?: string;
}

/** The options {@link mount} takes. */
export const mountShape = propShape<MountOptions>('MountOptions', ['mountPath', 'readOnly', 'subPath', 'name']);

/**
 * A VolumeMount that carries its Volume: ConfigMap, Secret and PVC objects become `configMap`,
 * `secret` and `persistentVolumeClaim` volumes named after the object.
 * @throws KasaneError `builder/invalid-relation` when `source` is an object of another kind;
 *   `builder/unknown-prop` for an unknown option.
 * @example
 * container({ name: 'web', image: 'nginx:1.27', volumeMounts: [mount(siteConfig, { mountPath: '/etc/nginx/conf.d' })] })
 */
export function mount(source: VolumeSource, options: MountOptions): VolumeMount {
  checkRelation(
    source,
    'source',
    { kinds: ['ConfigMap', 'Secret', 'PersistentVolumeClaim'], literals: true, hint: 'mount a ConfigMap, Secret or PersistentVolumeClaim object, or a Volume' },
    { builder: 'mount' },
  );
  checkProps(options, mountShape, { builder: 'mount' });
  const volume = volumeFor(source, options.name);
  const result: VolumeMount = { name: volume.name, mountPath: options.mountPath };
  if (options.readOnly !== undefined) result.readOnly = options.readOnly;
  if (options.subPath !== undefined) result.subPath = options.subPath;
  Object.defineProperty(result, VOLUME, { value: volume, enumerable: false, writable: true, configurable: true });
  return result;
}

/** The Volume a mount made by {@link mount} carries, if any. */
export function volumeOfMount(m: VolumeMount): Volume | undefined {
  return (m as { [VOLUME]?: Volume })[VOLUME];
}

/**
 * The pod's volumes: `explicit` first, then those carried by the mounts, deduplicated by name.
 * @throws KasaneError `builder/volume-conflict` when two different volumes share one name.
 */
export function collectVolumes(explicit: readonly Volume[], mounts: readonly VolumeMount[], object: { apiVersion: string; kind: string; name: string }): Volume[] {
  const byName = new Map<string, Volume>();
  for (const v of explicit) byName.set(v.name, v);
  for (const m of mounts) {
    const v = volumeOfMount(m);
    if (!v) continue;
    const seen = byName.get(v.name);
    if (seen && !isDeepStrictEqual(seen, v)) {
      throw builderError('builder/volume-conflict', `expected one source for volume '${v.name}', received two different ones`, {
        object,
        path: ['spec', 'volumes', v.name],
        hint: `give one of the mounts another volume name with mount(source, { name, mountPath })`,
      });
    }
    if (!seen) byName.set(v.name, v);
  }
  return [...byName.values()].map((v) => freshCopy(v));
}

function volumeFor(source: VolumeSource, name: string | undefined): Volume {
  if ('kind' in source && 'metadata' in source && source.kind !== undefined) {
    const objName = source.metadata?.name ?? '';
    const volumeName = name ?? objName;
    if (source.kind === 'ConfigMap') return { name: volumeName, configMap: { name: objName } };
    if (source.kind === 'Secret') return { name: volumeName, secret: { secretName: objName } };
    return { name: volumeName, persistentVolumeClaim: { claimName: objName } };
  }
  const volume = freshCopy(source as Volume);
  return name === undefined ? volume : { ...volume, name };
}
