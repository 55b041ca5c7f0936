import type { ContainerSpec } from '../../adapters/docker/docker';
import { LABELS } from '../../adapters/docker/labels';
import type { AppRecord } from '../../store/apps';
import type { AppRuntimeSettings } from './deps';
import { CONTAINER_PATHS } from './odooConfig';

/** The host files one revision's containers mount. */
export interface RevisionMounts {
  sourceDir: string;
  sharedDirs: string[];
  configFile: string;
  dataDir: string;
  /** The database server's socket directory, when it is reached over a unix socket. */
  socketDir: string | null;
}

/**
 * Bind mounts of a revision: code and config read-only, the filestore read-write. A unix-socket database
 * server is reached through its socket DIRECTORY mounted read-only: mounting the socket file itself goes
 * stale when PostgreSQL restarts.
 */
function binds(mounts: RevisionMounts): string[] {
  const list = [
    `${mounts.sourceDir}:${CONTAINER_PATHS.addons}:ro`,
    ...mounts.sharedDirs.map((dir, i) => `${dir}:${CONTAINER_PATHS.sharedAddons}/${i}:ro`),
    `${mounts.configFile}:${CONTAINER_PATHS.config}:ro`,
    `${mounts.dataDir}:${CONTAINER_PATHS.data}`,
  ];
  if (mounts.socketDir) list.push(`${mounts.socketDir}:${mounts.socketDir}:ro`);
  return list;
}

/**
 * The app uid has no passwd entry in the image, and Odoo's `check_root_user()` (`odoo/cli/server.py`) calls
 * `getpass.getuser()`, which raises `KeyError: 'getpwuid(): uid not found'` unless one of `LOGNAME`, `USER`,
 * `LNAME`, `USERNAME` is set (Python's getpass reads them in that order before the passwd database).
 * `LOGNAME`, because the official image's entrypoint reads `USER` as the database user.
 */
const RUN_AS_ENV = ['LOGNAME=odoo'];

/** The labels reconcile and metrics find an app revision's container by (see labels.ts). */
export function revisionLabels(
  serverId: string,
  app: AppRecord,
  commit: string,
  revision: number,
): Record<string, string> {
  return {
    [LABELS.managed]: 'true',
    [LABELS.server]: serverId,
    [LABELS.project]: app.projectId,
    [LABELS.environment]: app.environmentId,
    [LABELS.app]: app.id,
    [LABELS.commit]: commit,
    [LABELS.revision]: String(revision),
  };
}

/**
 * A one-shot container (module install or update) carries only the ownership labels, not the app's: it
 * is no revision of the app, and metrics must not count it as one.
 */
export function oneShotLabels(serverId: string, app: AppRecord): Record<string, string> {
  return { [LABELS.managed]: 'true', [LABELS.server]: serverId, [LABELS.project]: app.projectId };
}

/** The spec of a container of a revision; `hostPort` publishes 8069 on loopback for the proxy. */
export function containerSpec(options: {
  name: string;
  image: string;
  cmd: string[];
  labels: Record<string, string>;
  mounts: RevisionMounts;
  settings: AppRuntimeSettings;
  hostPort?: number;
}): ContainerSpec {
  const { settings } = options;
  return {
    name: options.name,
    image: options.image,
    cmd: options.cmd,
    user: `${settings.appUid}:${settings.appUid}`,
    env: RUN_AS_ENV,
    labels: options.labels,
    binds: binds(options.mounts),
    publish:
      options.hostPort === undefined
        ? undefined
        : { hostIp: '127.0.0.1', hostPort: options.hostPort, containerPort: 8069 },
    restartPolicy: options.hostPort === undefined ? 'no' : 'unless-stopped',
    cpus: settings.appCpus,
    memoryBytes: settings.appMemoryMb * 1024 * 1024,
  };
}
