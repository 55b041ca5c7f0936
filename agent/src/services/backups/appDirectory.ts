import type { EnvironmentType } from '@paas/protocol';
import type { PgServer } from '../../adapters/pgtools/pgServer';

/** What backups need to know about an app: where its database and filestore are, and who it is. */
export interface BackupTarget {
  appId: string;
  appName: string;
  /** Part of storage keys: `<projectCode>/<environmentType>/<appSlug>/<backupId>.tar`. */
  appSlug: string;
  projectId: string;
  projectCode: string;
  environmentId: string;
  environmentType: EnvironmentType;
  commitSha: string | null;
  /** The app's deploy revision (0 before its first deploy); jobs record it. */
  revision: number;
  odooVersion: string | null;
  server: PgServer;
  database: string;
  /**
   * The app's own PostgreSQL login (its role and password on `server`): restores load and change the copy
   * as the app, never as the admin, and the restored objects are the app's. Absent for a database the
   * agent did not make (tests of the engine): the admin then does it all.
   */
  owner: PgServer | undefined;
  /** Odoo's `<data_dir>/filestore/<database>` for this app, on the agent's machine. */
  filestoreDir: string;
}

/** What the image's `odoo neutralize` did, or why it could not run. */
export type OdooNeutralization = { done: string } | { fallback: string };

/**
 * The backups' view of apps, implemented over the deploy code's app registry (apps, their database
 * servers, their containers). Backups never reach into containers or the apps table directly.
 */
export interface AppDirectory {
  /** The app's backup target; throws NotFound for an unknown app. */
  target(appId: string): BackupTarget;
  /** The enabled, deployed apps of an environment (scheduled backups take each). */
  appsOf(environmentId: string): BackupTarget[];
  /** Every deployed app of a project, disabled ones included (final backups before it is deleted). */
  appsOfProject(projectId: string): BackupTarget[];
  /** The server throwaway verification databases are made on when the backup's app is gone. */
  defaultServer(): PgServer;
  /** Every registered database server (sandboxes a stopped agent left are swept on each). */
  servers(): PgServer[];
  /**
   * Moves the app onto `database` (a restored copy its role owns) and `filestoreDir` (staged, moved into
   * place): the app's current database serves until the new one answers healthy, then traffic moves.
   * Resolves once nothing uses the app's previous database and filestore; on failure the app is exactly
   * as it was.
   */
  switchDatabase(appId: string, database: string, filestoreDir: string): Promise<void>;
  /** `odoo.release.version` as the app's image reports it (`odoo --version`); undefined when it cannot say. */
  odooRelease(appId: string): Promise<string | undefined>;
  /**
   * Neutralizes `database` (a copy restored for the app) with its image's own `odoo neutralize`: `done`
   * with Odoo's output, or `fallback` with the reason the image cannot (then the caller runs the SQL).
   */
  neutralizeWithOdoo(appId: string, database: string): Promise<OdooNeutralization>;
  /** Records on the app whether its database is a neutralized copy (the app card shows it). */
  setNeutralized(appId: string, neutralized: boolean): void;
}
