import type { ContainerSpec } from '../../adapters/docker/docker';
import { LABELS } from '../../adapters/docker/labels';
import type { AppRecord } from '../../store/apps';
import type { AppRuntimeSettings } from './deps';
import { CONTAINER_PATHS } from './odooConfig';

/** Processes and threads an app container may run: far above Odoo's workers and threads, below a fork bomb. */
const APP_PIDS_LIMIT = 1024;

/**
 * Odoo writes temporary files (reports, imports, `tempfile`) to /tmp; everything it keeps goes to its data
 * directory, a mount (sessions: `session_dir` in odoo/tools/config.py is `<data_dir>/sessions`). So the
 * image's own files can be read-only.
 */
const APP_TMPFS = { '/tmp': 'rw,nosuid,nodev,size=512m,mode=1777' };

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

/** The labels of a project's network: the agent's, so it is never confused with a network it did not make. */
export function networkLabels(serverId: string, projectId: string): Record<string, string> {
  return { [LABELS.managed]: 'true', [LABELS.server]: serverId, [LABELS.project]: projectId };
}

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

/**
 * The spec of a container of a revision; `hostPort` publishes 8069 on loopback for the proxy. It joins only
 * its project's `network`, and runs hardened: a PID limit, read-only image files with a tmpfs /tmp (and,
 * from the adapter, no capabilities and `no-new-privileges`: Odoo runs as a non-root uid and needs none).
 */
export function containerSpec(options: {
  name: string;
  image: string;
  cmd: string[];
  labels: Record<string, string>;
  network: string;
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
    network: options.network,
    pidsLimit: APP_PIDS_LIMIT,
    readOnlyRootFilesystem: true,
    tmpfs: APP_TMPFS,
    publish:
      options.hostPort === undefined
        ? undefined
        : { hostIp: '127.0.0.1', hostPort: options.hostPort, containerPort: 8069 },
    restartPolicy: options.hostPort === undefined ? 'no' : 'unless-stopped',
    cpus: settings.appCpus,
    memoryBytes: settings.appMemoryMb * 1024 * 1024,
  };
}
