import type { AppFiles } from '../../adapters/files/appFiles';
import type { DockerAdapter } from '../../adapters/docker/docker';
import type { PostgresAdapter } from '../../adapters/postgres/postgres';
import type { AppProxy } from '../../adapters/proxy/proxy';
import type { Logger } from '../../log';
import type { Db } from '../../store/database';
import type { DatabaseServerService } from '../databaseServers';
import type { Notifier } from '../notifier';
import type { AppRegistry } from './appRegistry';
import type { Layout } from './layout';
import type { Mirrors } from './mirrors';

/** How app containers are run, from the agent config. */
export interface AppRuntimeSettings {
  /** Where app proxies listen (the apps' URLs). */
  publishAddress: string;
  /** uid (and gid) app containers run as and their filestore belongs to. */
  appUid: number;
  appCpus: number;
  appMemoryMb: number;
  healthPath: string;
  healthTimeoutMs: number;
  initTimeoutMs: number;
}

/** Everything the app services work with, wired once in main.ts. */
export interface AppDeps {
  readonly db: Db;
  readonly serverId: string;
  readonly docker: DockerAdapter;
  readonly pg: PostgresAdapter;
  readonly files: AppFiles;
  readonly proxy: AppProxy;
  readonly mirrors: Mirrors;
  readonly layout: Layout;
  readonly databases: DatabaseServerService;
  readonly apps: AppRegistry;
  readonly notifier: Notifier;
  readonly settings: AppRuntimeSettings;
  readonly log: Logger;
}
