'use strict';
// PaaS.sh stand-in for the official `odoo` Docker image, for machines that
// cannot pull it. It copies the parts of Odoo listed in README.md, each from
// the Odoo source named there: entrypoint and CLI options, commands (server,
// neutralize, --version), config file, database bootstrap, module
// install/update, filestore layout, log format, /web/health, signals. See
// README.md for what it does not reproduce.
const fs = require('node:fs');
const path = require('node:path');
const { createLogger, formatTraceback } = require('./lib/log');
const { loadConfig, UsageError } = require('./lib/config');
const { scanAddons, CORE_ADDONS_PATH } = require('./lib/addons');
const { waitForPsql, ensureDatabase, openPool, ensureSchema } = require('./lib/database');
const { loadModules } = require('./lib/loading');
const { logWarnings, startFailure, startDelay, revision } = require('./lib/markers');
const { createServer } = require('./lib/http');
const { neutralize } = require('./lib/neutralize');
const { checkRootUser } = require('./lib/runAs');
const { startJobRunner } = require('./lib/queueJob');

const VERSION = process.env.ODOO_VERSION || '17.0';
/**
 * odoo.release.version of a nightly build: the series and the build date
 * (odoo/release.py: `version += '-20240709'` in the official images' packages).
 */
const RELEASE = `${VERSION}-${process.env.STANDIN_BUILD_DATE || '20240709'}`;
const log = createLogger();
const state = { server: null, pool: null, stopping: false };

/** odoo/service/server.py: first signal stops gracefully, a second forces it. */
function onSignal() {
  if (state.stopping) process.exit(0);
  state.stopping = true;
  log.info('odoo.service.server', 'Initiating shutdown');
  log.info('odoo.service.server', 'Hit CTRL-C again or send a second signal to force the shutdown.');
  const closing = [];
  if (state.server) {
    closing.push(new Promise((r) => state.server.close(r)));
    state.server.closeAllConnections();
  }
  if (state.pool) closing.push(state.pool.end().catch(() => {}));
  Promise.all(closing).then(() => process.exit(0));
}

function fail(name, message, traceback) {
  log.error(name, message, traceback);
  process.exitCode = 1;
  return state.pool ? state.pool.end().catch(() => {}) : undefined;
}

function addonsDataDir(config) {
  // config.py addons_data_dir: created if possible, silently skipped if not.
  const dir = path.join(config.dataDir, 'addons', VERSION);
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    return [dir];
  } catch {
    return [];
  }
}

async function prepareDatabase(config, modules) {
  await ensureDatabase(config, log);
  log.setDb(config.dbName);
  state.pool = openPool(config, log);
  await ensureSchema(state.pool);
  await loadModules({ pool: state.pool, modules, config, serie: VERSION, log });
  log.info('odoo.modules.registry', 'Registry loaded');
}

function listen(config, ctx) {
  state.server = createServer(ctx);
  return new Promise((resolve, reject) => {
    state.server.once('error', reject);
    state.server.listen(config.httpPort, config.httpInterface, () => {
      log.info(
        'odoo.service.server',
        `HTTP service (werkzeug) running on ${config.httpInterface}:${config.httpPort}`,
      );
      resolve();
    });
  });
}

/** `odoo neutralize`: the entrypoint waits for PostgreSQL first, as for any odoo command. */
async function runNeutralize(config) {
  await waitForPsql(config, 30000, () => state.stopping);
  log.setDb(config.dbName);
  const modules = scanAddons(config.addonsPaths, log, VERSION);
  const out = (text) => process.stdout.write(text);
  process.exitCode = await neutralize({ config, modules, log, toStdout: config.toStdout, out });
}

async function main() {
  checkRootUser();
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  const config = loadConfig(process.argv.slice(2), process.env);
  if (config.version) return void process.stdout.write(`Odoo Server ${RELEASE}\n`);
  if (config.command === 'neutralize') return runNeutralize(config);
  if (config.command !== 'server') {
    // odoo/cli/command.py: sys.exit("Unknown command %r" % (command,))
    process.stderr.write(`Unknown command '${config.command}'\n`);
    process.exitCode = 1;
    return undefined;
  }
  log.info('odoo', `Odoo version ${RELEASE}`);
  if (config.rcFile) log.info('odoo', `Using configuration file at ${config.rcFile}`);
  const paths = [CORE_ADDONS_PATH, ...addonsDataDir(config), ...config.addonsPaths];
  log.info('odoo', `addons paths: [${paths.map((p) => `'${p}'`).join(', ')}]`);
  log.info('odoo', `database: ${config.dbUser}@${config.dbHost}:${config.dbPort}`);
  config.warnings.forEach((w) => log.warning('odoo', w));
  const modules = scanAddons(config.addonsPaths, log, VERSION);
  logWarnings(modules, log);
  const broken = startFailure(modules);
  if (broken) return fail('odoo.modules.module', `Couldn't load module ${broken.module}`, broken.traceback);
  await waitForPsql(config, 30000, () => state.stopping);
  let registryError = null;
  if (config.dbName) {
    try {
      await prepareDatabase(config, modules);
    } catch (err) {
      const traceback = err.traceback || formatTraceback([], 'psycopg2.Error', err.message);
      log.error('odoo.modules.registry', 'Failed to load registry', traceback);
      // odoo/service/server.py preload_registries(): CRITICAL, then -1 (exit
      // 255) with --stop-after-init; otherwise the server runs and every
      // request fails on the registry. A database error (no traceback of a
      // module) exits 1, as wait-for-psql.py would have.
      log.critical('odoo.service.server', `Failed to initialize database \`${config.dbName}\`.`);
      if (!err.traceback || config.stopAfterInit) {
        process.exitCode = err.traceback ? 255 : 1;
        await state.pool?.end().catch(() => {});
        return undefined;
      }
      registryError = traceback;
    }
  } else if (config.init.length || config.update.length) {
    log.warning('odoo', '-i/-u need a database (-d or db_name): ignored');
  }
  if (config.stopAfterInit) {
    if (state.pool) await state.pool.end();
    return undefined;
  }
  const delay = startDelay(modules);
  if (delay) await new Promise((r) => setTimeout(r, delay));
  if (state.stopping) return undefined;
  if (config.httpEnable)
    await listen(config, {
      config,
      log,
      pool: state.pool,
      version: VERSION,
      revision: revision(modules),
      registryError,
    });
  // --no-http: Odoo keeps running (cron threads) until signalled.
  else setInterval(() => {}, 1 << 30);
  startJobRunner({ config, modules, pool: state.pool, log, formatTraceback });
  return undefined;
}

main().catch((err) => {
  if (err instanceof UsageError) {
    // optparse's usage error
    process.stderr.write(`Usage: odoo [options]\n\nodoo: error: ${err.message}\n`);
    process.exit(err.exitCode ?? 2);
  }
  // Database unreachable etc.: wait-for-psql.py's message, then exit 1.
  log.error('odoo', `Database connection failure: ${err.message}`);
  process.exit(1);
});
