'use strict';
// Installing and updating modules: the part of odoo/modules/loading.py
// load_modules() a deployment tool can observe. With -i/-u it refreshes the module list
// (rows 'uninstalled' for every module found), installs -i modules and their
// dependencies, updates -u modules ('all' = every installed one), and commits
// module by module like load_module_graph(), so a failure keeps the modules
// processed before it. A module whose dependencies are missing is left out
// (odoo/modules/graph.py add_modules) and the run still succeeds: only the
// database tells. A manifest Odoo cannot load fails the registry.
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

/** The ast node literal_eval names when it refuses one (the parser's message says which). */
function astNode(message) {
  if (message.includes('call of')) return 'Call';
  if (message.includes('the name')) return 'Name';
  if (message.includes('operator')) return 'BinOp';
  return 'expr';
}

/**
 * What load_manifest() raises for a manifest ast.literal_eval refuses, as the
 * registry logs it: ast's SyntaxError points at "<unknown>", not at the file.
 */
function manifestFailure(mod) {
  const { line, message } = mod.manifestError;
  const syntax = message.startsWith('SyntaxError');
  const err = new Error(`manifest of ${mod.name}: ${message}`);
  const frames = [
    {
      file: `${ODOO_LIB}/modules/graph.py`,
      line: 71,
      fn: 'add_modules',
      code: 'info = odoo.modules.module.get_manifest(module)',
    },
    {
      file: `${ODOO_LIB}/modules/module.py`,
      line: 319,
      fn: 'load_manifest',
      code: 'manifest.update(ast.literal_eval(f.read()))',
    },
    {
      file: '/usr/lib/python3.11/ast.py',
      line: syntax ? 64 : 110,
      fn: 'literal_eval',
      code: syntax
        ? "node_or_string = parse(node_or_string.lstrip(' \t'), mode='eval')"
        : 'return _convert(node_or_string)',
    },
  ];
  if (syntax) frames.push({ file: '<unknown>', line, fn: '<module>', code: '' });
  err.traceback = syntax
    ? formatTraceback(frames, 'SyntaxError', message.replace(/^SyntaxError: /, ''))
    : formatTraceback(
        frames,
        'ValueError',
        `malformed node or string on line ${line}: <ast.${astNode(message)} object at 0x7f3a2c1b5f10>`,
      );
  return err;
}

/** A view that does not parse, as load_data() fails on it whenever the registry loads the module. */
function viewFailure(mod) {
  const err = new Error(`a view of ${mod.name} does not parse`);
  err.traceback = formatTraceback(
    [
      {
        file: `${ODOO_LIB}/modules/loading.py`,
        line: 229,
        fn: 'load_module_graph',
        code: "load_data(env, idref, mode, kind='data', package=package)",
      },
      {
        file: `${ODOO_LIB}/tools/convert.py`,
        line: 608,
        fn: 'convert_xml_import',
        code: 'doc = etree.parse(xmlfile)',
      },
      { file: `${mod.dir}/views/views.xml`, line: 12, fn: '<module>', code: '' },
    ],
    'lxml.etree.XMLSyntaxError',
    'Opening and ending tag mismatch: field line 11 and record, line 12, column 14',
  );
  return err;
}

/** The first module among names the registry cannot load (manifest, STANDIN_FAIL_REGISTRY), as an error. */
function registryBreaker(modules, names) {
  for (const name of names) {
    const mod = modules.get(name);
    if (mod && mod.manifestError) return manifestFailure(mod);
    if (mod && mod.markers.failRegistry !== undefined) return viewFailure(mod);
  }
  return undefined;
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
  return requested.filter((n) => modules.has(n));
}

/** graph.py add_modules()'s messages for the modules it leaves out. */
function logUnmet(modules, unmet, log) {
  for (const name of unmet) {
    const mod = modules.get(name);
    if (!mod.installable) log.warning('odoo.modules.graph', `module ${name}: not installable, skipped`);
    else {
      const missing = mod.depends.filter((d) => !modules.has(d) || !modules.get(d).installable);
      log.info('odoo.modules.graph', `module ${name}: Unmet dependencies: ${missing.join(', ')}`);
    }
  }
}

/** Runs the install/update; throws an error with .traceback on failure. */
async function loadModules({ pool, modules, config, serie, log }) {
  const started = Date.now();
  const client = await pool.connect();
  try {
    const installed = await installedNames(client);
    // load_modules() in odoo/modules/loading.py refreshes the module list (update_list) only when it
    // updates modules: -i/-u given (odoo/service/server.py) or a database without base. A plain start
    // leaves modules added to the addons path unknown to ir_module_module.
    if (config.init.length > 0 || config.update.length > 0 || !installed.has('base'))
      await refreshModuleList(client, modules);
    const requested = resolveInit(modules, config.init, installed, log).filter((n) => !installed.has(n));
    const updates = config.update.includes('all')
      ? [...installed]
      : config.update.filter((n) => installed.has(n));
    const { ordered, unmet } = withDependencies(modules, [...requested, ...updates]);
    const broken = registryBreaker(modules, [...installed, ...ordered]);
    if (broken) throw broken;
    const toInstall = ordered.filter((n) => !installed.has(n));
    const toUpdate = new Set(updates.filter((n) => ordered.includes(n)));
    const order = ordered.filter((n) => toInstall.includes(n) || toUpdate.has(n));
    logUnmet(modules, unmet, log);
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
    const skipped = unmet.filter((n) => requested.includes(n) || updates.includes(n));
    if (skipped.length)
      log.error(
        'odoo.modules.loading',
        `Some modules are not loaded, some dependencies or manifest may be missing: [${skipped.map((n) => `'${n}'`).join(', ')}]`,
      );
    return { installed: toInstall, updated: [...toUpdate] };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

module.exports = { loadModules };
