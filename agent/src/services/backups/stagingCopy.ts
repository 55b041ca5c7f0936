import { mkdir, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { removeTree, swapDirectory } from '../../adapters/archive/staging';
import { dropDatabase, renameDatabase } from '../../adapters/pgtools/pgAdmin';
import { LocalStorage } from '../../adapters/storage/local';
import { newId } from '../../ids';
import type { BackupTarget, OdooNeutralization } from './appDirectory';
import type { BackupService } from './backupService';
import { restoreToCopy, type RestoredCopy } from './restore';
import { sibling } from './restoreService';
import { backupToStorage } from './takeBackup';

/** What a staging app's first database was copied from. */
export interface ProductionCopy {
  /** The production app's name and database. */
  from: string;
  /** The neutralization that ran on the copy. */
  neutralized: string[];
  /** Modules installed in the copy and their installed versions (`ir_module_module.latest_version`). */
  modules: Record<string, string | null>;
}

/** A live copy of an app's database and filestore, restored beside it and neutralized. */
export interface LiveCopy {
  copy: RestoredCopy;
  /** Modules installed in the copy and their installed versions (`ir_module_module.latest_version`). */
  modules: Record<string, string | null>;
}

/**
 * Copies `source`'s database and filestore NOW through the backup machinery (`pg_dump` in a snapshot,
 * which never closes the source's sessions, then a restore) into `database` on `into`'s server, loaded
 * as `into`'s role, and neutralizes it. The archive stays in `workDir` (not catalogued): the caller
 * removes `workDir`, and drops the copy unless it keeps it.
 */
export async function neutralizedLiveCopy(
  backups: BackupService,
  source: BackupTarget,
  into: { target: BackupTarget; database: string },
  workDir: string,
  odooNeutralize: (database: string) => Promise<OdooNeutralization>,
  signal: AbortSignal,
): Promise<LiveCopy> {
  const storage = new LocalStorage(join(workDir, 'archive'));
  const { manifest } = await backups.locks.run(source.appId, () =>
    backupToStorage(
      {
        server: source.server,
        database: source.database,
        filestoreDir: source.filestoreDir,
        spoolDir: workDir,
        odooVersion: source.odooVersion ?? undefined,
      },
      {
        backupId: newId(),
        projectId: source.projectId,
        environmentId: source.environmentId,
        environmentType: source.environmentType,
        appId: source.appId,
        appName: source.appName,
        commitSha: source.commitSha,
        kind: 'manual',
        createdAt: backups.deps.clock().toISOString(),
      },
      storage,
      'source.tar',
      { signal },
    ),
  );
  const copy = await restoreToCopy({
    storage,
    key: 'source.tar',
    expected: { database: manifest.paas!.database.sha256, filestore: manifest.paas!.filestore.sha256 },
    server: into.target.server,
    database: into.database,
    loader: into.target.owner,
    workDir: join(workDir, 'restore'),
    neutralize: true,
    odooNeutralize,
    newIdentity: { now: backups.deps.clock() },
    signal,
  });
  return { copy, modules: manifest.modules };
}

/**
 * A staging app's first database, as Odoo.sh builds staging: a live copy of the production app's database
 * and filestore, neutralized ({@link neutralizedLiveCopy}), not the last stored backup, which can be a day
 * old. The staging app's empty new database is replaced by the copy. Resolves `undefined` when the project
 * has no deployed production app (staging then starts on a fresh database).
 */
export async function copyProductionInto(
  backups: BackupService,
  stagingAppId: string,
  odooNeutralize: (database: string) => Promise<OdooNeutralization>,
  signal: AbortSignal,
): Promise<ProductionCopy | undefined> {
  const { apps } = backups.deps;
  const target = apps.target(stagingAppId);
  const production = apps
    .appsOfProject(target.projectId)
    .find((app) => app.environmentType === 'production' && app.revision > 0);
  if (!production) return undefined;
  const suffix = newId(8).toLowerCase();
  const workDir = backups.workDir(`staging-copy-${suffix}`);
  try {
    const { copy, modules } = await neutralizedLiveCopy(
      backups,
      production,
      { target, database: sibling(target.database, `copy_${suffix}`) },
      workDir,
      odooNeutralize,
      signal,
    );
    try {
      await dropDatabase(target.server, target.database);
      await renameDatabase(target.server, copy.database, target.database);
      await mkdir(dirname(target.filestoreDir), { recursive: true });
      await swapDirectory(target.filestoreDir, copy.filestoreDir, `${target.filestoreDir}.empty-${suffix}`);
      await removeTree(`${target.filestoreDir}.empty-${suffix}`);
    } finally {
      await copy.discard();
    }
    return {
      from: `${production.appName} (${production.database})`,
      neutralized: copy.neutralized,
      modules,
    };
  } finally {
    await removeTree(workDir);
  }
}

/**
 * A dry run's database: a live, neutralized copy of the app's own database as `into.database`, its
 * filestore moved to `into.filestoreDir`; resolves what the neutralization did.
 */
export async function copyAppDatabaseInto(
  backups: BackupService,
  appId: string,
  into: { database: string; filestoreDir: string },
  workDir: string,
  odooNeutralize: (database: string) => Promise<OdooNeutralization>,
  signal: AbortSignal,
): Promise<string[]> {
  const target = backups.deps.apps.target(appId);
  const { copy } = await neutralizedLiveCopy(
    backups,
    target,
    { target, database: into.database },
    workDir,
    odooNeutralize,
    signal,
  );
  await mkdir(dirname(into.filestoreDir), { recursive: true });
  await rename(copy.filestoreDir, into.filestoreDir);
  return copy.neutralized;
}
