import { strict as assert } from 'node:assert';
import type { Job } from '@paas/protocol';
import { STEP_LOG_TAIL } from '../../src/webviews/messages/jobView';
import { toJobStepView, toJobView } from '../../src/webviews/shared/jobMapping';

const names = { apps: new Map([['app1', 'shop']]), environments: new Map([['env1', 'staging' as const]]) };

function job(overrides: Partial<Job>): Job {
  return {
    id: 'job1',
    projectId: 'p1',
    environmentId: 'env1',
    appId: 'app1',
    kind: 'deploy',
    state: 'succeeded',
    requestedBy: 'token:dan',
    commitSha: null,
    revision: 2,
    backupId: null,
    progress: 100,
    steps: [],
    error: null,
    createdAt: '2026-05-04T10:00:00.000Z',
    startedAt: '2026-05-04T10:00:01.000Z',
    finishedAt: '2026-05-04T10:01:36.000Z',
    ...overrides,
  };
}

describe('job views (Queue, Workflows)', () => {
  it('names the app, the duration and the action canceling takes', () => {
    const view = toJobView(job({ kind: 'restore' }), names);
    assert.equal(view.subject, 'shop');
    assert.equal(view.environmentType, 'staging');
    assert.equal(view.durationMs, 95_000);
    assert.equal(view.cancelAction, 'backup.restore');
  });

  it('names a runner job by its environment, and a pending job by its running step', () => {
    const view = toJobView(
      job({
        kind: 'runner',
        appId: 'env1',
        state: 'running',
        finishedAt: null,
        steps: [
          {
            name: 'fetch',
            state: 'succeeded',
            startedAt: null,
            finishedAt: null,
            durationMs: 5,
            summary: null,
          },
          {
            name: 'playbook',
            state: 'running',
            startedAt: null,
            finishedAt: null,
            durationMs: null,
            summary: null,
          },
        ],
      }),
      names,
    );
    assert.equal(view.subject, 'staging environment');
    assert.equal(view.currentStep, 'playbook');
    assert.equal(view.durationMs, null);
    assert.equal(view.cancelAction, 'runner.run');
  });

  it("keeps only a long log's tail, and says so", () => {
    const step = {
      name: 'health',
      state: 'failed',
      startedAt: null,
      finishedAt: null,
      durationMs: 1,
      summary: null,
    } as const;
    const long = toJobStepView({ ...step, log: `${'x'.repeat(STEP_LOG_TAIL)}END` });
    assert.equal(long.log.length, STEP_LOG_TAIL);
    assert.ok(long.log.endsWith('END') && long.truncated);
    assert.equal(toJobStepView({ ...step, log: 'short' }).truncated, false);
  });
});
