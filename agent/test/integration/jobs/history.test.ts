import { strict as assert } from 'node:assert';
import {
  CreateEnvironment,
  CreateProject,
  ErrorCode,
  GetPlanUsage,
  JOB_STEPS,
  ListJobs,
  type JobKind,
  type JobState,
} from '@paas/protocol';
import Database from 'better-sqlite3';
import { storePath } from '../../../src/store/database';
import { insertJob } from '../../../src/store/jobs';
import { TestClient, rpcErrorOf } from '../../helpers/client';
import { projectParams, useOwnedAgent } from '../../helpers/organization';

const KINDS: readonly JobKind[] = ['deploy', 'update', 'backup', 'runner'];
const OUTCOMES: readonly JobState[] = ['succeeded', 'failed', 'canceled'];
const HISTORY = 2_000;

describe('jobs/list pages a long history; plans/usage; initialize reports runners', function () {
  this.timeout(120_000);
  const org = useOwnedAgent({ env: { PAAS_AGENT_RUNNERS_ENABLED: 'true' } });
  let projectId: string;
  let environmentId: string;
  let otherJobId: string;

  before(async () => {
    const created = await org.boss.client.request(CreateProject, projectParams('History'));
    projectId = created.project.id;
    environmentId = created.environment.id;
    const other = await org.boss.client.request(CreateProject, projectParams('Elsewhere'));
    // Finished jobs written straight into the store: 2,000 real deploys would take hours; the agent lists
    // them as it lists its own. Every tenth pair shares a timestamp, so paging must break ties.
    const db = new Database(storePath(org.agent.dataDir));
    try {
      const insert = db.transaction(() => {
        for (let i = 0; i < HISTORY; i++) {
          const kind = KINDS[i % KINDS.length]!;
          const createdAt = new Date(Date.UTC(2026, 0, 1) + Math.floor(i / 2) * 1000).toISOString();
          insertJob(
            db,
            finishedJob(`hist${i}`, kind, OUTCOMES[i % OUTCOMES.length]!, createdAt),
            JOB_STEPS[kind],
          );
        }
        otherJobId = 'elsewhere1';
        insertJob(
          db,
          {
            ...finishedJob(otherJobId, 'deploy', 'succeeded', '2026-02-01T00:00:00.000Z'),
            projectId: other.project.id,
          },
          JOB_STEPS.deploy,
        );
      });
      insert();
    } finally {
      db.close();
    }
  });

  function finishedJob(id: string, kind: JobKind, state: JobState, createdAt: string) {
    return {
      id,
      projectId,
      environmentId,
      appId: id.endsWith('0') ? 'app-zero' : 'app-other',
      serverId: 'server',
      kind,
      state,
      requestedBy: 'token:test',
      commitSha: null,
      revision: 1,
      backupId: null,
      options: {},
      progress: 100,
      error: null,
      undo: {},
      createdAt,
      startedAt: createdAt,
      finishedAt: createdAt,
    };
  }

  it('walks all 2,000 jobs newest first in pages of 500 with `before`, none twice', async () => {
    const seen: string[] = [];
    let before: string | undefined;
    for (;;) {
      const { jobs } = await org.boss.client.request(ListJobs, { projectId, limit: 500, before });
      seen.push(...jobs.map((j) => j.id));
      if (jobs.length < 500) break;
      before = jobs[jobs.length - 1]!.id;
    }
    assert.equal(seen.length, HISTORY);
    assert.equal(new Set(seen).size, HISTORY);
    assert.equal(seen[0], `hist${HISTORY - 1}`);
    assert.equal(seen[HISTORY - 1], 'hist0');
  });

  it('filters by kind, outcome and app together, on every page', async () => {
    const { jobs } = await org.boss.client.request(ListJobs, {
      projectId,
      kinds: ['backup', 'runner'],
      states: ['failed'],
      appId: 'app-zero',
      limit: 500,
    });
    const expected = Array.from({ length: HISTORY }, (_, i) => i).filter(
      (i) => ['backup', 'runner'].includes(KINDS[i % 4]!) && i % 3 === 1 && i % 10 === 0,
    );
    assert.ok(expected.length > 0);
    assert.deepEqual(
      jobs.map((j) => j.id),
      expected.reverse().map((i) => `hist${i}`),
    );
  });

  it("refuses a cursor that is not one of the project's jobs", async () => {
    for (const before of [otherJobId, 'nosuchjob']) {
      const error = await rpcErrorOf(org.boss.client.request(ListJobs, { projectId, before }));
      assert.equal(error.code, ErrorCode.NotFound, before);
    }
  });

  it('measures usage against the limits: environments grow with the project', async () => {
    const first = (await org.boss.client.request(GetPlanUsage, { projectId })).usage;
    assert.deepEqual(
      { ...first, includedSeats: 0 },
      { instances: 0, environments: 1, includedSeats: 0, backupsKept: 0 },
    );
    await org.boss.client.request(CreateEnvironment, { projectId, type: 'staging' });
    const second = (await org.boss.client.request(GetPlanUsage, { projectId })).usage;
    assert.equal(second.environments, 2);
  });

  it('reports runners in the capabilities when runnersEnabled is on', async () => {
    const client = await TestClient.connect(org.agent.url, org.boss.token);
    try {
      const { capabilities } = await client.initialize();
      assert.equal(capabilities.runners, true);
    } finally {
      await client.close();
    }
  });
});
