import type { EnvironmentType, RunnerOutcome, RunnerTaskResult } from '@paas/protocol';
import type { Db } from './database';

/** What a runner run is beyond its job. `extraVars` are stored redacted; the real ones never are. */
export interface RunnerRunRecord {
  jobId: string;
  projectId: string;
  environmentType: EnvironmentType;
  playbook: string;
  ref: string;
  extraVars: Record<string, unknown>;
  tasks: RunnerTaskResult[];
  createdAt: string;
}

interface RunnerRunRow {
  job_id: string;
  project_id: string;
  environment_type: EnvironmentType;
  playbook: string;
  ref: string;
  extra_vars: string;
  tasks: string;
  created_at: string;
}

function toRecord(row: RunnerRunRow): RunnerRunRecord {
  return {
    jobId: row.job_id,
    projectId: row.project_id,
    environmentType: row.environment_type,
    playbook: row.playbook,
    ref: row.ref,
    extraVars: JSON.parse(row.extra_vars) as Record<string, unknown>,
    tasks: JSON.parse(row.tasks) as RunnerTaskResult[],
    createdAt: row.created_at,
  };
}

export function insertRunnerRun(db: Db, run: RunnerRunRecord): void {
  db.prepare(
    `INSERT INTO runner_runs (job_id, project_id, environment_type, playbook, ref, extra_vars, tasks, created_at)
     VALUES (@jobId, @projectId, @environmentType, @playbook, @ref, @extraVars, @tasks, @createdAt)`,
  ).run({ ...run, extraVars: JSON.stringify(run.extraVars), tasks: JSON.stringify(run.tasks) });
}

export function findRunnerRun(db: Db, jobId: string): RunnerRunRecord | undefined {
  const row = db.prepare('SELECT * FROM runner_runs WHERE job_id = ?').get(jobId) as RunnerRunRow | undefined;
  return row && toRecord(row);
}

/** A project's runs, newest first; `outcome` is the final state of the run's job. */
export function listRunnerRuns(
  db: Db,
  filter: { projectId: string; playbook?: string; outcome?: RunnerOutcome; limit: number },
): RunnerRunRecord[] {
  const rows = db
    .prepare(
      `SELECT r.* FROM runner_runs r JOIN jobs j ON j.id = r.job_id
       WHERE r.project_id = @projectId
         AND (@playbook IS NULL OR r.playbook = @playbook)
         AND (@outcome IS NULL OR j.state = @outcome)
       ORDER BY r.created_at DESC, r.job_id DESC LIMIT @limit`,
    )
    .all({
      projectId: filter.projectId,
      playbook: filter.playbook ?? null,
      outcome: filter.outcome ?? null,
      limit: filter.limit,
    }) as RunnerRunRow[];
  return rows.map(toRecord);
}

export function saveRunnerTasks(db: Db, jobId: string, tasks: readonly RunnerTaskResult[]): void {
  db.prepare('UPDATE runner_runs SET tasks = ? WHERE job_id = ?').run(JSON.stringify(tasks), jobId);
}
