import { join } from 'node:path';
import type { Environment } from '@paas/protocol';
import type { AppRecord } from '../../../store/apps';
import type { AppDeps } from '../deps';
import { cleanDatabaseName } from '../names';

/**
 * The database a build of `revision` runs on. With the environment's `cleanDatabase`, an update builds on a
 * fresh database of its own instead of keeping the app's (development) or a copy of production's
 * (staging); the app's current database serves until the switch and is dropped only after it. A first
 * deploy's database is fresh anyway. Production never builds clean: the setting is refused there
 * (`assertAutomationFits`), and an older stored value is ignored rather than trusted.
 */
export function buildDatabase(app: AppRecord, environment: Environment, revision: number): string {
  return buildsClean(app, environment) ? cleanDatabaseName(app.databaseRole, revision) : app.databaseName;
}

/** Whether a build of this app starts from a fresh database instead of the one the app has. */
export function buildsClean(app: AppRecord, environment: Environment): boolean {
  return environment.automation.cleanDatabase && environment.type !== 'production' && app.revision > 0;
}

/** Drops one of the app's databases and its filestore (`<data_dir>/filestore/<database>`, Odoo's layout). */
export async function dropAppDatabase(deps: AppDeps, app: AppRecord, database: string): Promise<void> {
  await deps.pg.dropDatabase(deps.databases.record(app.databaseServerId), database);
  await deps.files.remove(join(deps.layout.filestores(app.id), database));
}
