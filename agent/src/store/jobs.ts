import type { Job, JobKind, JobState, JobStep, JobStepDetail, JobStepName } from '@paas/protocol';
import type { Db } from './database';

/** What a job made so far, so failure, cancel or an interrupted run can undo exactly that. */
export interface JobUndo {
  /** The new revision's container (removed unless the job switched traffic to it). */
  candidateContainer?: string;
  /** The new revision's checkout directory. */
  candidateCheckout?: string;
  /** The database copy taken before the module update; restored when the job does not succeed. */
  snapshotDatabase?: string;
  /** The job created the app's role and database (first deploy): dropped when it does not succeed. */
  createdDatabase?: boolean;
  /** The fresh database a clean build made: dropped (with its filestore) when the job does not succeed. */
  cleanDatabase?: string;
  /** The job held the app's traffic (maintenance answer) for a module update: released when undone. */
  heldTraffic?: boolean;
  /** The serving revision's container, stopped for the module update: started again when undone. */
  stoppedContainer?: string;
  /** A dry run's copy of the app's database: always dropped. */
  scratchDatabase?: string;
  /** A dry run's work directory (the copy's archive and filestore): always removed. */
  scratchDir?: string;
  /** The job switched traffic: from then on nothing is undone. */
  switched?: boolean;
  /** A restore's copy of the backup, which the app moves onto: dropped unless the app serves it. */
  restoreCopy?: string;
  /** The database the app served before a restore: dropped once the app serves the copy. */
  replacedDatabase?: string;
}

/** What a job was asked to do beyond its kind, app and backup. */
export interface JobOptions {
  /** A restore neutralizes the copy (decided when it was queued). */
  neutralize?: boolean;
  /** A restore gives the copy a new database identity (uuid, secret), as Odoo does for a copy. */
  newIdentity?: boolean;
  /** An import's upload. */
  uploadId?: string;
  /** A dry run's branch, when not the app's own. */
  ref?: string;
}

/** A job as stored: the protocol's view plus its options and undo record. */
export interface JobRecord extends Omit<Job, 'steps'> {
  serverId: string;
  options: JobOptions;
  undo: JobUndo;
}

interface JobRow {
  id: string;
  project_id: string;
  environment_id: string;
  app_id: string;
  server_id: string;
  kind: JobKind;
  state: JobState;
  requested_by: string;
  commit_sha: string | null;
  revision: number;
  backup_id: string | null;
  options: string;
  progress: number;
  error_code: string | null;
  error_message: string | null;
  undo: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

interface StepRow {
  job_id: string;
  position: number;
  name: JobStepName;
  state: JobStep['state'];
  started_at: string | null;
  finished_at: string | null;
  duration_ms: number | null;
  summary: string | null;
  log: string;
}

/** Step logs are capped so a chatty container cannot grow the store without bound. */
export const STEP_LOG_LIMIT = 256 * 1024;

function toRecord(row: JobRow): JobRecord {
  return {
    id: row.id,
    projectId: row.project_id,
    environmentId: row.environment_id,
    appId: row.app_id,
    serverId: row.server_id,
    kind: row.kind,
    state: row.state,
    requestedBy: row.requested_by,
    commitSha: row.commit_sha,
    revision: row.revision,
    backupId: row.backup_id,
    options: JSON.parse(row.options) as JobOptions,
    progress: row.progress,
    error: row.error_code === null ? null : { code: row.error_code, message: row.error_message ?? '' },
    undo: JSON.parse(row.undo) as JobUndo,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

function toStep(row: StepRow): JobStep {
  return {
    name: row.name,
    state: row.state,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    durationMs: row.duration_ms,
    summary: row.summary,
  };
}

/** Inserts a job with its steps, all `pending`. */
export function insertJob(db: Db, job: JobRecord, steps: readonly JobStepName[]): void {
  db.prepare(
    `INSERT INTO jobs (id, project_id, environment_id, app_id, server_id, kind, state, requested_by, commit_sha,
       revision, backup_id, options, progress, undo, created_at)
     VALUES (@id, @projectId, @environmentId, @appId, @serverId, @kind, @state, @requestedBy, @commitSha,
       @revision, @backupId, @options, @progress, @undo, @createdAt)`,
  ).run({ ...job, options: JSON.stringify(job.options), undo: JSON.stringify(job.undo) });
  const step = db.prepare(
    "INSERT INTO job_steps (job_id, position, name, state) VALUES (?, ?, ?, 'pending')",
  );
  steps.forEach((name, position) => step.run(job.id, position, name));
}

/** Writes the job's mutable fields. */
export function saveJob(db: Db, job: JobRecord): void {
  db.prepare(
    `UPDATE jobs SET state = @state, commit_sha = @commitSha, backup_id = @backupId, progress = @progress,
       error_code = @errorCode,
       error_message = @errorMessage, undo = @undo, started_at = @startedAt, finished_at = @finishedAt
     WHERE id = @id`,
  ).run({
    ...job,
    errorCode: job.error?.code ?? null,
    errorMessage: job.error?.message ?? null,
    options: JSON.stringify(job.options),
    undo: JSON.stringify(job.undo),
  });
}

export function findJob(db: Db, id: string): JobRecord | undefined {
  const row = db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
  return row && toRecord(row);
}

export function listJobs(
  db: Db,
  filter: {
    projectId?: string;
    appId?: string;
    states?: readonly JobState[];
    kinds?: readonly JobKind[];
    serverId?: string;
    /** Keyset cursor: only jobs listed after this one (older, by created_at then rowid). */
    before?: string;
    limit: number;
  },
): JobRecord[] {
  const states = filter.states && filter.states.length > 0 ? JSON.stringify(filter.states) : null;
  const kinds = filter.kinds && filter.kinds.length > 0 ? JSON.stringify(filter.kinds) : null;
  const rows = db
    .prepare(
      `SELECT * FROM jobs WHERE (@projectId IS NULL OR project_id = @projectId)
         AND (@appId IS NULL OR app_id = @appId)
         AND (@serverId IS NULL OR server_id = @serverId)
         AND (@states IS NULL OR state IN (SELECT value FROM json_each(@states)))
         AND (@kinds IS NULL OR kind IN (SELECT value FROM json_each(@kinds)))
         AND (@before IS NULL OR (created_at, rowid) < (SELECT created_at, rowid FROM jobs WHERE id = @before))
       ORDER BY created_at DESC, rowid DESC LIMIT @limit`,
    )
    .all({
      projectId: filter.projectId ?? null,
      appId: filter.appId ?? null,
      serverId: filter.serverId ?? null,
      states,
      kinds,
      before: filter.before ?? null,
      limit: filter.limit,
    }) as JobRow[];
  return rows.map(toRecord);
}

/** The import job queued with an upload, whatever its state (an upload is imported once). */
export function findImportOf(db: Db, uploadId: string): JobRecord | undefined {
  const row = db
    .prepare("SELECT * FROM jobs WHERE kind = 'import' AND json_extract(options, '$.uploadId') = ?")
    .get(uploadId) as JobRow | undefined;
  return row && toRecord(row);
}

/**
 * The app's queued or running job, if any (the store allows one). Verifications and imports are not the
 * app's: they work in a throwaway database and never touch it, so they run beside its jobs
 * (`SIDE_JOB_KINDS`) and are not returned here.
 */
export function findPendingJob(db: Db, appId: string): JobRecord | undefined {
  const row = db
    .prepare(
      "SELECT * FROM jobs WHERE app_id = ? AND state IN ('queued', 'running') AND kind NOT IN ('verify', 'import')",
    )
    .get(appId) as JobRow | undefined;
  return row && toRecord(row);
}

/** A queued or running runner job of the project, if any: runner jobs belong to an environment, not an app. */
export function findPendingRunnerJob(db: Db, projectId: string): JobRecord | undefined {
  const row = db
    .prepare(
      "SELECT * FROM jobs WHERE project_id = ? AND kind = 'runner' AND state IN ('queued', 'running') LIMIT 1",
    )
    .get(projectId) as JobRow | undefined;
  return row && toRecord(row);
}

/** The app's most recent deploy or update (what `apps/retry` runs again). */
export function findLastDeployJob(db: Db, appId: string): JobRecord | undefined {
  const row = db
    .prepare(
      "SELECT * FROM jobs WHERE app_id = ? AND kind IN ('deploy', 'update') ORDER BY created_at DESC, rowid DESC LIMIT 1",
    )
    .get(appId) as JobRow | undefined;
  return row && toRecord(row);
}

export function listSteps(db: Db, jobId: string): JobStep[] {
  return (
    db.prepare('SELECT * FROM job_steps WHERE job_id = ? ORDER BY position').all(jobId) as StepRow[]
  ).map(toStep);
}

export function listStepDetails(db: Db, jobId: string): JobStepDetail[] {
  return (
    db.prepare('SELECT * FROM job_steps WHERE job_id = ? ORDER BY position').all(jobId) as StepRow[]
  ).map((row) => ({ ...toStep(row), log: row.log }));
}

export function saveStep(db: Db, jobId: string, step: JobStep): void {
  db.prepare(
    `UPDATE job_steps SET state = @state, started_at = @startedAt, finished_at = @finishedAt,
       duration_ms = @durationMs, summary = @summary
     WHERE job_id = @jobId AND name = @name`,
  ).run({ ...step, jobId });
}

/** Appends to a step's log, keeping at most the last {@link STEP_LOG_LIMIT} characters. */
export function appendStepLog(db: Db, jobId: string, name: JobStepName, text: string): void {
  db.prepare(
    `UPDATE job_steps SET log = substr(log || @text, -@limit) WHERE job_id = @jobId AND name = @name`,
  ).run({ jobId, name, text, limit: STEP_LOG_LIMIT });
}
