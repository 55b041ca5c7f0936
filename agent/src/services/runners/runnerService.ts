import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import {
  RunnerDidLog,
  type ParamsOf,
  type ListRunnerRuns,
  type RunPlaybook,
  type RunnerRun,
  type Playbook,
} from '@paas/protocol';
import { killLeftoverPlaybook, listRunDirs, runPlaybook } from '../../adapters/ansible/ansiblePlaybook';
import { conflict, notFound } from '../../errors';
import { newId, nowIso } from '../../ids';
import { redactSecrets, secretValueRedactor } from '../../redact';
import { listApps } from '../../store/apps';
import { inTransaction } from '../../store/database';
import { findEnvironmentByType } from '../../store/environments';
import { listStepDetails } from '../../store/jobs';
import {
  findRunnerRun,
  insertRunnerRun,
  listRunnerRuns,
  saveRunnerTasks,
  type RunnerRunRecord,
} from '../../store/runners';
import { asRpc } from '../adapterErrors';
import type { AppDeps } from '../apps/deps';
import { SHUTDOWN } from '../jobs/jobQueue';
import type { JobService } from '../jobs/jobService';
import { JobTracker } from '../jobs/jobTracker';
import { environmentInventory } from './inventory';
import { listPlaybooks, refuseBecome, resolvePlaybook } from './playbooks';

export interface RunnerSettings {
  /** Whether playbooks run at all (`runnersEnabled`). */
  readonly enabled: boolean;
  /** The runners folder of project repositories (`runnersFolder`). */
  readonly folder: string;
  /** Whether playbooks may use `become` (`runnersAllowBecome`). */
  readonly allowBecome: boolean;
}

/** The branch `runners/playbooks` reads when none is given and the project has no production app. */
const DEFAULT_REF = 'main';

/**
 * Runner playbooks: listed from the project's repository, run as `runner` jobs of the job queue (beside
 * the apps' jobs, within its concurrency) with `ansible-playbook` against an environment.
 */
export class RunnerService {
  constructor(
    private readonly deps: AppDeps,
    private readonly jobs: JobService,
    private readonly settings: RunnerSettings,
  ) {}

  /** Whether playbooks may run on this agent (`initialize` reports it to clients). */
  get enabled(): boolean {
    return this.settings.enabled;
  }

  /** A run's private directory: its checkout (`src`), inventory, vars and Ansible's temp files. */
  private workDir(runId: string): string {
    return join(this.runsRoot(), runId);
  }

  private runsRoot(): string {
    return join(this.deps.layout.scratch(), 'runners');
  }

  /**
   * At start, before queued jobs resume: ansible-playbook runs a killed agent left (each in its own
   * process group, so they outlive the agent) are killed, and the directories of runs that are no longer
   * pending are removed. Their jobs are marked interrupted by the reconciler like every running job.
   */
  async sweep(): Promise<void> {
    for (const dir of await listRunDirs(this.runsRoot())) {
      const pid = Number(await readFile(join(dir, 'ansible.pid'), 'utf8').catch(() => ''));
      if (Number.isInteger(pid) && pid > 1 && (await killLeftoverPlaybook(pid))) {
        this.deps.log.warn({ pid, dir }, 'killed an ansible-playbook a stopped agent left running');
      }
      const run = findRunnerRun(this.deps.db, basename(dir));
      const state = run && this.jobs.record(run.jobId).state;
      if (state === 'queued') continue;
      if (run) await this.removeWorkDir(this.deps.apps.project(run.projectId).code, dir);
      else await rm(dir, { recursive: true, force: true });
    }
  }

  /** The playbooks of a branch: `ref`, else the production app's branch, else `main`. */
  async playbooks(projectId: string, ref?: string) {
    const project = this.deps.apps.project(projectId);
    const production = listApps(this.deps.db, { projectId, includeDisabled: true }).find(
      (app) => app.environmentType === 'production',
    );
    const branch = ref ?? production?.branch ?? DEFAULT_REF;
    const { commit } = await asRpc(() => this.deps.mirrors.fetchBranch(project, branch));
    const dir = join(this.workDir(`list-${newId()}`), 'src');
    try {
      await asRpc(() => this.deps.mirrors.checkout(project.code, commit, dir));
      const playbooks: Playbook[] = await listPlaybooks(dir, this.settings.folder);
      return { folder: this.settings.folder, commitSha: commit, playbooks };
    } finally {
      await this.removeWorkDir(project.code, join(dir, '..'));
    }
  }

  /**
   * Queues a run after checking, on a fresh checkout of the branch, that the playbook exists inside the
   * runners folder and asks for no `become` the agent does not allow: a refused run leaves nothing.
   */
  async run(params: ParamsOf<typeof RunPlaybook>, requestedBy: string): Promise<RunnerRun> {
    if (!this.settings.enabled) {
      throw conflict(
        "runners are off on this agent: a playbook runs with the agent user's rights on the host; an agent administrator turns them on with runnersEnabled",
        { reason: 'runnersDisabled' },
      );
    }
    const project = this.deps.apps.project(params.projectId);
    const environment = findEnvironmentByType(this.deps.db, project.id, params.environmentType);
    if (!environment) throw notFound('environment', `${project.code}/${params.environmentType}`);
    const { commit } = await asRpc(() => this.deps.mirrors.fetchBranch(project, params.ref));
    const runId = newId();
    const workDir = this.workDir(runId);
    try {
      await mkdir(workDir, { recursive: true, mode: 0o700 });
      await this.prepareCheckout(project.code, commit, workDir, params.playbook);
      // The real values live only here (0600, removed with the run); the store keeps them redacted.
      await writeFile(join(workDir, 'extra-vars.json'), JSON.stringify(params.extraVars), { mode: 0o600 });
      inTransaction(this.deps.db, () => {
        const subject = {
          id: environment.id,
          name: `${environment.type} environment`,
          projectId: project.id,
          environmentId: environment.id,
          serverId: this.deps.serverId,
          revision: 0,
        };
        this.jobs.create(subject, 'runner', requestedBy, { id: runId, commitSha: commit });
        insertRunnerRun(this.deps.db, {
          jobId: runId,
          projectId: project.id,
          environmentType: environment.type,
          playbook: params.playbook,
          ref: params.ref,
          extraVars: redactSecrets(params.extraVars) as Record<string, unknown>,
          tasks: [],
          createdAt: nowIso(),
        });
      });
    } catch (error) {
      await this.removeWorkDir(project.code, workDir);
      throw error;
    }
    this.jobs.start(runId);
    return this.view(this.record(runId));
  }

  list(params: ParamsOf<typeof ListRunnerRuns>): RunnerRun[] {
    return listRunnerRuns(this.deps.db, params).map((run) => this.view(run));
  }

  get(runId: string): { run: RunnerRun; log: string } {
    const run = this.record(runId);
    const log = listStepDetails(this.deps.db, runId).find((step) => step.name === 'playbook')?.log ?? '';
    return { run: this.view(run), log };
  }

  record(runId: string): RunnerRunRecord {
    const run = findRunnerRun(this.deps.db, runId);
    if (!run) throw notFound('runner run', runId);
    return run;
  }

  /** The job queue's worker for `runner` jobs. */
  async work(jobId: string, signal: AbortSignal): Promise<void> {
    const tracker = new JobTracker(this.deps.db, this.deps.notifier, jobId);
    const job = tracker.job;
    const run = this.record(jobId);
    const project = this.deps.apps.project(run.projectId);
    const workDir = this.workDir(jobId);
    // Canceled while queued: only its directory is left to remove.
    if (job.state !== 'queued') return this.removeWorkDir(project.code, workDir);
    tracker.update({ state: 'running', startedAt: nowIso() });
    let step: 'fetch' | 'playbook' = 'fetch';
    try {
      tracker.startStep('fetch');
      // A run queued before an agent restart finds its checkout still there; the checks run again.
      await this.prepareCheckout(project.code, job.commitSha!, workDir, run.playbook);
      tracker.finishStep('fetch', 'succeeded', `${run.ref} at ${job.commitSha!.slice(0, 12)}`);
      step = 'playbook';
      tracker.startStep('playbook');
      const outcome = await this.runAnsible(run, workDir, tracker, signal);
      saveRunnerTasks(this.deps.db, jobId, outcome.tasks);
      if (signal.aborted) throw new Error(String(signal.reason));
      if (outcome.exitCode !== 0) {
        const failed = outcome.tasks.filter(
          (task) => task.status === 'failed' || task.status === 'unreachable',
        );
        const message = `ansible-playbook exited with ${outcome.exitCode}${failed[0] ? `: ${failed[0].task} failed` : ''}`;
        tracker.finishStep('playbook', 'failed', message);
        tracker.update({
          state: 'failed',
          error: { code: 'RUNNER_PLAYBOOK_FAILED', message },
          finishedAt: nowIso(),
        });
        return;
      }
      tracker.finishStep('playbook', 'succeeded', `${outcome.tasks.length} task results`);
      tracker.update({ state: 'succeeded', finishedAt: nowIso() });
    } catch (error) {
      this.fail(tracker, step, error, signal);
    } finally {
      await this.removeWorkDir(project.code, workDir);
    }
  }

  private fail(tracker: JobTracker, step: 'fetch' | 'playbook', error: unknown, signal: AbortSignal): void {
    const canceled = signal.aborted;
    const interrupted = canceled && signal.reason === SHUTDOWN;
    const reason = canceled
      ? {
          code: interrupted ? 'INTERRUPTED' : 'CANCELED',
          message: interrupted ? 'the agent stopped' : 'canceled',
        }
      : {
          code: (error as { data?: { reason?: string } }).data?.reason ?? 'RUNNER_FAILED',
          message: error instanceof Error ? error.message : String(error),
        };
    tracker.finishStep(step, canceled ? 'canceled' : 'failed', reason.message);
    tracker.update({
      state: interrupted ? 'interrupted' : canceled ? 'canceled' : 'failed',
      error: reason,
      finishedAt: nowIso(),
    });
    this.deps.log.warn({ err: error, job: tracker.jobId, reason }, 'runner job did not succeed');
  }

  private async runAnsible(run: RunnerRunRecord, workDir: string, tracker: JobTracker, signal: AbortSignal) {
    const checkout = join(workDir, 'src');
    const playbook = await resolvePlaybook(checkout, this.settings.folder, run.playbook);
    const environment = findEnvironmentByType(this.deps.db, run.projectId, run.environmentType)!;
    const apps = listApps(this.deps.db, { environmentId: environment.id, includeDisabled: true });
    const project = this.deps.apps.project(run.projectId);
    const extraVars = JSON.parse(await readFile(join(workDir, 'extra-vars.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const redact = secretValueRedactor(extraVars);
    const outcome = await runPlaybook({
      cwd: checkout,
      playbook,
      workDir: join(workDir, 'ansible'),
      inventory: environmentInventory(project, environment, apps, this.deps.apps, this.deps.layout),
      extraVarsFile: join(workDir, 'extra-vars.json'),
      signal,
      onStart: (pid) => writeFile(join(workDir, 'ansible.pid'), String(pid)),
      onLine: (line) => {
        const text = redact(line);
        tracker.log('playbook', text);
        this.deps.notifier.broadcast(run.projectId, RunnerDidLog, { runId: run.jobId, text });
      },
    });
    const tasks = outcome.tasks.map((task) => ({ ...task, message: task.message && redact(task.message) }));
    return { ...outcome, tasks };
  }

  /** Checks the commit out into `<workDir>/src` (unless there already) and checks the playbook. */
  private async prepareCheckout(projectCode: string, commit: string, workDir: string, playbook: string) {
    const checkout = join(workDir, 'src');
    const present = await stat(checkout).then(
      () => true,
      () => false,
    );
    if (!present) await asRpc(() => this.deps.mirrors.checkout(projectCode, commit, checkout));
    const path = await resolvePlaybook(checkout, this.settings.folder, playbook);
    await refuseBecome(join(checkout, path), this.settings.allowBecome);
  }

  private async removeWorkDir(projectCode: string, workDir: string): Promise<void> {
    await this.deps.mirrors.removeCheckout(projectCode, join(workDir, 'src')).catch(() => undefined);
    await rm(workDir, { recursive: true, force: true });
  }

  private view(run: RunnerRunRecord): RunnerRun {
    const job = this.jobs.view(this.jobs.record(run.jobId));
    const final = job.state !== 'queued' && job.state !== 'running';
    const duration =
      job.startedAt && job.finishedAt ? Date.parse(job.finishedAt) - Date.parse(job.startedAt) : null;
    return {
      id: run.jobId,
      projectId: run.projectId,
      environmentType: run.environmentType,
      playbook: run.playbook,
      ref: run.ref,
      commitSha: job.commitSha,
      extraVars: run.extraVars,
      requestedBy: job.requestedBy,
      outcome: final ? (job.state as RunnerRun['outcome']) : null,
      tasks: run.tasks,
      job,
      createdAt: run.createdAt,
      durationMs: final ? duration : null,
    };
  }
}
