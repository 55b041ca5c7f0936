import type { LogLine, QueueRunner } from '@paas/protocol';

/** The runner's logger (OCA/queue `queue_job/jobrunner/runner.py`, `_logger = logging.getLogger(__name__)`). */
const RUNNER_LOGGER = 'odoo.addons.queue_job.jobrunner.runner';
/** The thread's start, logged by the threaded or prefork server (`queue_job/jobrunner/__init__.py`). */
const THREAD_LOGGER = 'odoo.addons.queue_job.jobrunner';

/**
 * The runner's health after one more line of the app's log, from the lines `QueueJobRunner.run` and
 * `initialize_databases` write (runner.py): "starting" / "initializing database connections", then
 * "queue job runner ready for db <db>" for each database with `queue_job` installed, then "database
 * connections ready"; a failure logs "exception: sleeping %ds and retrying" and starts over. A
 * server-wide module Odoo cannot load is logged by `load_server_wide_modules` (`odoo/service/server.py`).
 */
export function queueRunnerAfter(
  before: QueueRunner | null,
  line: LogLine,
  database: string,
): QueueRunner | null {
  const { logger, message } = line;
  if (logger === 'odoo.service.server' && message.startsWith('Failed to load server-wide module `queue_job`'))
    return 'failing';
  if (logger === THREAD_LOGGER && message.startsWith('starting jobrunner thread')) return 'starting';
  if (logger !== RUNNER_LOGGER) return before;
  if (message === 'starting') return 'starting';
  // A retry after an exception starts over: still failing until the app's database is ready again.
  if (message === 'initializing database connections') return before === 'failing' ? 'failing' : 'starting';
  if (message === `queue job runner ready for db ${database}`) return 'running';
  if (message === 'database connections ready') return before === 'running' ? 'running' : 'noDatabase';
  if (message.startsWith('exception: sleeping')) return 'failing';
  return before;
}
