import assert from 'node:assert/strict';
import type { QueueRunner } from '@paas/protocol';
import { parseOdooLog } from '../../../src/services/apps/odooLog';
import { queueRunnerAfter } from '../../../src/services/apps/queueRunnerLog';

const RUNNER = 'odoo.addons.queue_job.jobrunner.runner';

/** The runner state after these `logger: message` lines, in Odoo's log format. */
function stateAfter(...lines: string[]): QueueRunner | null {
  const text = lines.map((l) => `2026-12-03 19:00:00,000 7 INFO ? ${l}`).join('\n');
  return parseOdooLog(text).reduce<QueueRunner | null>(
    (s, line) => queueRunnerAfter(s, line, 'acme_dev'),
    null,
  );
}

describe('queue_job runner health from its log lines', () => {
  it('is absent without runner lines, starting once the thread starts', () => {
    assert.equal(stateAfter('odoo.service.server: HTTP service (werkzeug) running on 0.0.0.0:8069'), null);
    assert.equal(
      stateAfter('odoo.addons.queue_job.jobrunner: starting jobrunner thread (in threaded server)'),
      'starting',
    );
    assert.equal(
      stateAfter(`${RUNNER}: starting`, `${RUNNER}: initializing database connections`),
      'starting',
    );
  });

  it('runs when it is ready for the app’s database, and only that one', () => {
    const ready = [`${RUNNER}: starting`, `${RUNNER}: initializing database connections`];
    assert.equal(
      stateAfter(
        ...ready,
        `${RUNNER}: queue job runner ready for db acme_dev`,
        `${RUNNER}: database connections ready`,
      ),
      'running',
    );
    assert.equal(
      stateAfter(
        ...ready,
        `${RUNNER}: queue job runner ready for db other`,
        `${RUNNER}: database connections ready`,
      ),
      'noDatabase',
    );
  });

  it('fails on the retry loop’s exception and recovers when ready again', () => {
    const failing = [
      `${RUNNER}: queue job runner ready for db acme_dev`,
      `${RUNNER}: exception: sleeping 10s and retrying`,
      `${RUNNER}: initializing database connections`,
    ];
    assert.equal(stateAfter(...failing), 'failing');
    assert.equal(stateAfter(...failing, `${RUNNER}: queue job runner ready for db acme_dev`), 'running');
    assert.equal(
      stateAfter('odoo.service.server: Failed to load server-wide module `queue_job`.'),
      'failing',
    );
  });
});
