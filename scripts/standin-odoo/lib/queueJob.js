'use strict';
// OCA queue_job's job runner, as far as the agent relies on it: its log lines.
// With `queue_job` among the server-wide modules (`server_wide_modules` or
// `--load`), the threaded server starts the runner in a thread after a delay
// (OCA/queue queue_job/jobrunner/__init__.py: threaded_start, not with
// stop_after_init, START_DELAY = 5 s). The runner (queue_job/jobrunner/
// runner.py, QueueJobRunner.run and initialize_databases) logs "starting",
// "initializing database connections", then "queue job runner ready for db
// <db>" for each database of db_name where queue_job is installed, then
// "database connections ready". A failure is logged with its traceback as
// "exception: sleeping 10s and retrying" (ERROR_RECOVERY_DELAY) and retried.
// No job is run: the stand-in has no models.

const RUNNER = 'odoo.addons.queue_job.jobrunner.runner';
const START_DELAY_MS = 5000;
const ERROR_RECOVERY_DELAY_S = 10;

async function queueJobInstalled(pool) {
  const { rows } = await pool.query(
    "SELECT 1 FROM ir_module_module WHERE name = 'queue_job' AND state = 'installed'",
  );
  return rows.length > 0;
}

async function initializeDatabases({ config, pool, log }) {
  log.info(RUNNER, 'initializing database connections');
  if (config.dbName && pool && (await queueJobInstalled(pool)))
    log.info(RUNNER, `queue job runner ready for db ${config.dbName}`);
  log.info(RUNNER, 'database connections ready');
}

/** Starts the runner thread when queue_job is server-wide (it lives until the process ends). */
function startJobRunner({ config, modules, pool, log, formatTraceback }) {
  if (!config.serverWideModules.includes('queue_job') || config.stopAfterInit) return;
  if (!modules.has('queue_job')) {
    // odoo/service/server.py load_server_wide_modules(): logged, the server runs on.
    log.error(
      'odoo.service.server',
      'Failed to load server-wide module `queue_job`.',
      formatTraceback([], 'ModuleNotFoundError', "No module named 'odoo.addons.queue_job'"),
    );
    return;
  }
  log.info('odoo.addons.queue_job.jobrunner', 'starting jobrunner thread (in threaded server)');
  const run = async () => {
    try {
      await initializeDatabases({ config, pool, log });
    } catch (err) {
      log.error(
        RUNNER,
        `exception: sleeping ${ERROR_RECOVERY_DELAY_S}s and retrying`,
        formatTraceback([], 'psycopg2.OperationalError', err.message),
      );
      setTimeout(run, ERROR_RECOVERY_DELAY_S * 1000);
    }
  };
  setTimeout(() => {
    log.info(RUNNER, 'starting');
    void run();
  }, START_DELAY_MS);
}

module.exports = { startJobRunner };
