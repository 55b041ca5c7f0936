import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { removeTree, swapDirectory } from '../../adapters/archive/staging';
import { dropDatabase, renameDatabase } from '../../adapters/pgtools/pgAdmin';
import { LocalStorage } from '../../adapters/storage/local';
import { newId } from '../../ids';
import type { OdooNeutralization } from './appDirectory';
import type { BackupService } from './backupService';
import { restoreToCopy } from './restore';
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

/**
 * A staging app's first database, as Odoo.sh builds staging: a copy of the production app's database and
 * filestore, neutralized. The copy is taken NOW from the live database through the backup machinery
 * (`pg_dump` in a snapshot, which never closes production's sessions, then a restore), not from the last
 * stored backup, which can be a day old; the archive stays in a scratch directory and is not catalogued.
 * The staging app's empty new database is replaced by the copy. Resolves `undefined` when the project has
 * no deployed production app (staging then starts on a fresh database).
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
  const storage = new LocalStorage(join(workDir, 'archive'));
  try {
    const { manifest } = await backups.locks.run(production.appId, () =>
      backupToStorage(
        {
          server: production.server,
          database: production.database,
          filestoreDir: production.filestoreDir,
          spoolDir: workDir,
          odooVersion: production.odooVersion ?? undefined,
        },
        {
          backupId: newId(),
          projectId: production.projectId,
          environmentId: production.environmentId,
          environmentType: production.environmentType,
          appId: production.appId,
          appName: production.appName,
          commitSha: production.commitSha,
          kind: 'manual',
          createdAt: backups.deps.clock().toISOString(),
        },
        storage,
        'production.tar',
        { signal },
      ),
    );
    const copy = await restoreToCopy({
      storage,
      key: 'production.tar',
      expected: { database: manifest.paas!.database.sha256, filestore: manifest.paas!.filestore.sha256 },
      server: target.server,
      database: sibling(target.database, `copy_${suffix}`),
      loader: target.owner,
      workDir: join(workDir, 'restore'),
      neutralize: true,
      odooNeutralize,
      newIdentity: { now: backups.deps.clock() },
      signal,
    });
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
      modules: manifest.modules,
    };
  } finally {
    await removeTree(workDir);
  }
}
