// The emulated file system of the shell: a per-sensor registry of copy-on-write source layers over one shared tree.
export { FsRegistry, type FsLimits, type FsRegistryOptions } from './registry.js';
export { SourceLayer } from './layer.js';
export { FsError, STRERROR, type FsCredentials, type FsErrorCode, type FsKind, type FsStat, type FsUser, type ShellFs, type WriteOptions } from './types.js';
export { normalise as normalisePath } from './path.js';
export { binariesOf, DEFAULT_FS_LIMITS, scratchFs, sensorFs, type SensorFsOptions } from './for-sensor.js';
