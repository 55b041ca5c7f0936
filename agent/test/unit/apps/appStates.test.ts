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

  it('allow a retry only from error or canceled', () => {
    assert.deepEqual(
      (
        ['queued', 'fetching', 'preparing', 'starting', 'running', 'error', 'canceled', 'stopped'] as const
      ).filter(canRetry),
      ['error', 'canceled'],
    );
  });
});
