import { join } from 'node:path';
import type { AppRecord } from '../../../store/apps';
import type { JobRecord } from '../../../store/jobs';
import type { AppDeps } from '../deps';
import { oneShotContainerName } from '../names';
import { dropAppDatabase } from './cleanDatabase';
import { resumePrevious } from './maintenance';

/** Runs each part of an undo in turn; a part that fails is reported in `problems`, not thrown. */
function attempter(problems: string[]) {
  return async (what: string, work: () => Promise<unknown>): Promise<void> => {
    try {
      await work();
    } catch (error) {
      problems.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}

/**
 * Undoes what a job made before it switched traffic, so a failed, canceled or interrupted job leaves no
 * half-made container, database or checkout: the candidate containers go, a snapshot is put back in place
 * of the database Odoo updated, a database the job created is dropped with its role (a clean build's own
 * database alone, with its filestore). The previous revision keeps serving; one stopped for a module update's window is started again, and the held
 * traffic released, once the snapshot is back. A dry run's copy and work directory always go. Every part
 * is attempted; failures are reported.
 */
export async function undoJob(deps: AppDeps, job: JobRecord, app: AppRecord): Promise<string[]> {
  const { undo } = job;
  if (undo.switched) return [];
  const problems: string[] = [];
  const attempt = attempter(problems);
  if (undo.candidateContainer) {
    const name = undo.candidateContainer;
    for (const container of [
      name,
      oneShotContainerName(name, 'init'),
      oneShotContainerName(name, 'update'),
    ]) {
      await attempt(`remove ${container}`, () => deps.docker.remove(container));
    }
  }
  const server = () => deps.databases.record(app.databaseServerId);
  if (undo.snapshotDatabase) {
    const snapshot = undo.snapshotDatabase;
    await attempt(`restore ${app.databaseName} from ${snapshot}`, async () => {
      if (await deps.pg.databaseExists(server(), snapshot)) {
        await deps.pg.replaceDatabase(server(), app.databaseName, snapshot);
      }
    });
  }
  if (undo.heldTraffic) {
    const what = undo.stoppedContainer ? `start ${undo.stoppedContainer} again` : 'release traffic';
    await attempt(what, () => resumePrevious(deps, job, app));
  }
  if (undo.cleanDatabase) {
    const clean = undo.cleanDatabase;
    await attempt(`drop ${clean}`, () => dropAppDatabase(deps, app, clean));
  }
  if (undo.createdDatabase) {
    await attempt(`drop ${app.databaseName}`, () => deps.pg.dropDatabase(server(), app.databaseName));
    await attempt(`drop role ${app.databaseRole}`, () => deps.pg.dropRole(server(), app.databaseRole));
  }
  if (undo.scratchDatabase) {
    const copy = undo.scratchDatabase;
    await attempt(`drop ${copy}`, () => deps.pg.dropDatabase(server(), copy));
  }
  if (undo.scratchDir) {
    const dir = undo.scratchDir;
    await attempt(`remove ${dir}`, () => deps.files.remove(dir));
  }
  if (undo.candidateCheckout) {
    const dir = undo.candidateCheckout;
    const project = deps.apps.project(app.projectId);
    await attempt(`remove ${dir}`, async () => {
      await deps.mirrors.removeCheckout(project.code, deps.layout.source(app.id, job.revision));
      await deps.files.remove(dir);
    });
  }
  return problems;
}

/**
 * What a restore the agent died in left behind (restoreService.ts records it before making it): before
 * the switch, the copy and its filestore; once the app serves the copy, the database and filestore it
 * served before, which the restore would have dropped next. The app's own database is never touched.
 */
export async function undoInterruptedRestore(
  deps: AppDeps,
  job: JobRecord,
  app: AppRecord,
): Promise<string[]> {
  const { restoreCopy, replacedDatabase } = job.undo;
  const leftover = app.databaseName === restoreCopy ? replacedDatabase : restoreCopy;
  if (!leftover || leftover === app.databaseName) return [];
  const problems: string[] = [];
  const attempt = attempter(problems);
  const server = deps.databases.record(app.databaseServerId);
  await attempt(`drop ${leftover}`, () => deps.pg.dropDatabase(server, leftover));
  const filestore = join(deps.layout.filestores(app.id), leftover);
  await attempt(`remove ${filestore}`, async () => {
    await deps.files.remove(filestore);
    await deps.files.remove(`${filestore}.previous`);
  });
  return problems;
}
