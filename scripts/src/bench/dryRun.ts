import { performance } from 'node:perf_hooks';
import { DeleteProject, DeployApp, DryRunUpdate, UpdateApp, type Job } from '@paas/protocol';
import {
  buildStandinImage,
  createTempRepo,
  ensureServices,
  makeTempDir,
  manifestText,
  RUN_ID,
  runCleanups,
} from '../testkit/index';
import { createBenchProject, openSession, type Session } from './deploy';
import type { BenchResult } from './result';

/** Request → final state of a job; throws unless it succeeded. */
async function timed(session: Session, start: () => Promise<string | null>): Promise<number> {
  const started = performance.now();
  const jobId = await start();
  if (!jobId) throw new Error('bench dry run: no job queued');
  const job: Job = await session.finished(jobId);
  if (job.state !== 'succeeded')
    throw new Error(`bench ${job.kind} ${job.state}: ${JSON.stringify(job.error)}`);
  return performance.now() - started;
}

/**
 * `npm run bench`: an update dry run (live copy of the database, neutralized, `-u` on it, copy dropped)
 * against the real update of the same commit (pre-update backup, snapshot, `-u`, new revision, switch),
 * on a production app whose module version changed.
 */
export async function benchDryRun(): Promise<BenchResult[]> {
  const services = await ensureServices();
  await buildStandinImage('17.0');
  const dir = await makeTempDir('bench-dry-run');
  const repo = await createTempRepo({ addons: { bench_addon: { version: '1.0.0' } } });
  const session = await openSession(services, dir);
  const code = `dry-${RUN_ID}`.slice(0, 32);
  try {
    const { project, environment } = await createBenchProject(session, repo, code, {
      type: 'production',
      automation: { autoInstall: true },
    });
    const { app, jobId } = await session.peer.request(DeployApp, {
      environmentId: environment.id,
      name: 'bench',
      branch: 'main',
    });
    const deployed = await session.finished(jobId);
    if (deployed.state !== 'succeeded') throw new Error(`bench deploy ${deployed.state}`);
    await repo.commit(
      { 'bench_addon/__manifest__.py': manifestText('bench_addon', { version: '1.1.0' }) },
      'bench bump',
    );
    const dryRunMs = await timed(
      session,
      async () => (await session.peer.request(DryRunUpdate, { appId: app.id })).jobId,
    );
    const updateMs = await timed(
      session,
      async () => (await session.peer.request(UpdateApp, { appId: app.id })).jobId,
    );
    await session.peer.request(DeleteProject, {
      projectId: project.id,
      confirmCode: code,
      skipFinalBackups: true,
    });
    return [
      {
        name: 'dry-run update: request to result (module update)',
        value: dryRunMs,
        unit: 'ms',
        baseline: { name: 'the real update of the same commit', value: updateMs },
        ratio: dryRunMs / updateMs,
        aim: 'ratio ≤ 1.5',
      },
    ];
  } finally {
    session.socket.close();
    await session.agent.stop();
    await runCleanups();
  }
}
