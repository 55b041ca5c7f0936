import assert from 'node:assert/strict';
import { JOB_STEPS } from '@paas/protocol';
import { appStateAfter, appStateDuring, canRetry } from '../../../src/services/apps/appStates';

describe('app states', () => {
  it('follow a job through fetching, preparing and starting', () => {
    assert.deepEqual(JOB_STEPS.update.map(appStateDuring), [
      'fetching',
      'preparing',
      'preparing',
      'preparing',
      'preparing',
      'preparing',
      'preparing',
      'preparing',
      'starting',
      'starting',
      'starting',
    ]);
  });

  it('end in running, canceled or error', () => {
    assert.equal(appStateAfter('succeeded'), 'running');
    assert.equal(appStateAfter('canceled'), 'canceled');
    assert.equal(appStateAfter('failed'), 'error');
    assert.equal(appStateAfter('interrupted'), 'error');
  });

  it('stay running after a failure when the previous revision serves again', () => {
    assert.equal(appStateAfter('failed', true), 'running');
    assert.equal(appStateAfter('interrupted', true), 'running');
    assert.equal(appStateAfter('canceled', true), 'canceled');
  });

  it('allow a retry from error or canceled, and from running after a failed job', () => {
    const states = [
      'queued',
      'fetching',
      'preparing',
      'starting',
      'running',
      'error',
      'canceled',
      'stopped',
    ] as const;
    assert.deepEqual(
      states.filter((state) => canRetry({ state, lastError: null })),
      ['error', 'canceled'],
    );
    assert.equal(canRetry({ state: 'running', lastError: { code: 'MODULE_UPDATE_FAILED' } }), true);
  });
});
