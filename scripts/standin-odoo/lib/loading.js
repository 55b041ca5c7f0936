'use strict';
// Installing and updating modules: the part of odoo/modules/loading.py
// load_modules() a deployment tool can observe. It refreshes the module list
// (rows 'uninstalled' for every module found), installs -i modules and their
// dependencies, updates -u modules ('all' = every installed one), and commits
// module by module like load_module_graph(), so a failure keeps the modules
// processed before it.
const { adaptVersion, withDependencies } = require('./addons');
const { formatTraceback } = require('./log');
const { seed } = require('./database');
const { installData } = require('./moduleData');

const ODOO_LIB = '/usr/lib/python3/dist-packages/odoo';

/** A module update failure with a Python-looking traceback, for the log. */
function updateFailure(mod) {
  const err = new Error(`update of module ${mod.name} failed`);
  err.traceback = formatTraceback(
    [
      {
        file: `${ODOO_LIB}/modules/registry.py`,
        line: 111,
        fn: 'new',
        code: 'odoo.modules.load_modules(registry, status, update_module)',
      },
      {
        file: `${ODOO_LIB}/modules/loading.py`,
        line: 476,
        fn: 'load_modules',
        code: 'processed_modules += load_marked_modules(env, graph,',
      },
      {
        file: `${mod.dir}/models/models.py`,
        line: 12,
        fn: '_auto_init',
        code: "raise UserError('stand-in update failure')",
      },
    ],
    'odoo.exceptions.UserError',
    `stand-in: update of ${mod.name} fails because ${mod.dir}/STANDIN_FAIL_UPDATE exists`,
  );
  return err;
}

async function refreshModuleList(client, modules) {
  for (const mod of modules.values()) {
    await client.query(
      "INSERT INTO ir_module_module (name, state) VALUES ($1, 'uninstalled') ON CONFLICT (name) DO NOTHING",
      [mod.name],
    );
  }
}

async function installedNames(client) {
  const { rows } = await client.query("SELECT name FROM ir_module_module WHERE state = 'installed'");
  return new Set(rows.map((r) => r.name));
}

function resolveInit(modules, init, installed, log) {
  const requested = init.includes('all') ? [...modules.keys()] : [...init];
  if (!installed.has('base')) requested.unshift('base'); // an empty database gets base, as Odoo does
  const invalid = requested.filter((n) => !modules.has(n));
  if (invalid.length)
    log.warning('odoo.modules.loading', `invalid module names, ignored: ${invalid.join(', ')}`);
  const names = withDependencies(
    modules,
    requested.filter((n) => modules.has(n)),
  );
  return names.filter((n) => {
    if (modules.get(n).installable) return true;
    log.warning('odoo.modules.loading', `module ${n}: not installable, skipped`);
    return false;
  });
}

/** Runs the install/update; throws an error with .traceback on failure. */
async function loadModules({ pool, modules, config, serie, log }) {
  const started = Date.now();
  const client = await pool.connect();
  try {
    await refreshModuleList(client, modules);
    const installed = await installedNames(client);
    const toInstall = resolveInit(modules, config.init, installed, log).filter((n) => !installed.has(n));
    const toUpdate = new Set(
      config.update.includes('all') ? installed : config.update.filter((n) => installed.has(n)),
    );
    const order = withDependencies(modules, [...toInstall, ...toUpdate]).filter(
      (n) => toInstall.includes(n) || toUpdate.has(n),
    );
    log.info('odoo.modules.loading', `loading ${installed.size || 1} modules...`);
    for (const name of order) {
      const mod = modules.get(name);
      if (toUpdate.has(name) && mod.markers.failUpdate !== undefined) throw updateFailure(mod);
      await client.query('BEGIN');
      log.info('odoo.modules.registry', `module ${name}: creating or updating database tables`);
      await client.query(
        "UPDATE ir_module_module SET state = 'installed', latest_version = $2 WHERE name = $1",
        [name, adaptVersion(serie, mod.version)],
      );
      if (name === 'base' && !installed.has('base')) await seed(client, config.httpPort);
      if (toInstall.includes(name)) await installData(client, name);
      await client.query('COMMIT');
    }
    const count = (await installedNames(client)).size;
    const seconds = ((Date.now() - started) / 1000).toFixed(2);
    log.info('odoo.modules.loading', `${count} modules loaded in ${seconds}s, 0 queries (+0 extra)`);
    log.info('odoo.modules.loading', 'Modules loaded.');
    return { installed: toInstall, updated: [...toUpdate] };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

module.exports = { loadModules };
