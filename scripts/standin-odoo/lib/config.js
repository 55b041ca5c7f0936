'use strict';
// Builds the running configuration the way the official image does it:
// its entrypoint.sh first, then Odoo's own option handling.
//
// The official image's entrypoint.sh (odoo/docker, 16.0-18.0):
//   : ${HOST:=${DB_PORT_5432_TCP_ADDR:='db'}}            (same for PORT/USER/PASSWORD)
//   check_config "db_host" "$HOST"  -> the value of db_host in $ODOO_RC if the
//                                      file sets it, else $HOST
//   exec odoo "$@" "${DB_ARGS[@]}"  -> DB_ARGS come LAST, so they win over a
//                                      --db_host the caller passed, and they
//                                      are read from $ODOO_RC, not from a -c file.
// The stand-in reproduces that (and warns when it bites) so an agent tested
// against it behaves the same with the real image.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parseArgs, UsageError } = require('./cli');
const { parseRcFile } = require('./rcfile');

const DB_PARAMS = [
  ['db_host', (e) => e.HOST || e.DB_PORT_5432_TCP_ADDR || 'db'],
  ['db_port', (e) => e.PORT || e.DB_PORT_5432_TCP_PORT || '5432'],
  ['db_user', (e) => e.USER || e.DB_ENV_POSTGRES_USER || e.POSTGRES_USER || 'odoo'],
  ['db_password', (e) => e.PASSWORD || e.DB_ENV_POSTGRES_PASSWORD || e.POSTGRES_PASSWORD || 'odoo'],
];

function osUserName() {
  try {
    return os.userInfo().username;
  } catch {
    return undefined;
  }
}

function readRcFile(file) {
  try {
    return parseRcFile(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    if (err.code === 'ENOENT') return {};
    throw err;
  }
}

/** The entrypoint's DB_ARGS: from $ODOO_RC when set there, else from env. */
function entrypointDbArgs(env) {
  const vars = { ...env };
  if (env.PASSWORD_FILE) vars.PASSWORD = fs.readFileSync(env.PASSWORD_FILE, 'utf8').trim();
  const rc = env.ODOO_RC ? readRcFile(env.ODOO_RC) : {};
  const args = [];
  for (const [param, fromEnv] of DB_PARAMS) {
    const fileValue = rc[param];
    args.push(`--${param}`, typeof fileValue === 'string' ? fileValue : fromEnv(vars));
  }
  return args;
}

/**
 * The entrypoint's `case "$1"`: `odoo` or `--` is dropped, options go to Odoo,
 * anything else would be exec'd (the stand-in has no other programs).
 */
function odooArgv(argv) {
  const [first, ...rest] = argv;
  if (first === undefined) return []; // CMD ["odoo"] replaced by nothing
  if (first === 'odoo' || first === '--') return rest;
  if (first.startsWith('-')) return argv;
  // The entrypoint would exec it; the stand-in has no other programs, hence
  // the shell's "command not found" status.
  throw Object.assign(
    new UsageError(`the stand-in image cannot run "${first}": only odoo options are supported`),
    { exitCode: 127 },
  );
}

/**
 * odoo/cli/command.py main(): a first argument that is not an option names
 * the command (`neutralize`, ...); without one it is `server`.
 */
function splitCommand(args) {
  if (args.length > 0 && !args[0].startsWith('-')) return [args[0], args.slice(1)];
  return ['server', args];
}

function splitList(value) {
  if (typeof value !== 'string') return [];
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function pick(value, fallback) {
  return value === undefined || value === false || value === '' ? fallback : value;
}

/** Returns the normalised configuration and warnings to log. */
function loadConfig(argv, env) {
  const [command, userArgs] = splitCommand(odooArgv(argv));
  const user = parseArgs(userArgs).options;
  const dbArgs = entrypointDbArgs(env);
  const cli = parseArgs([...userArgs, ...dbArgs]).options;
  const warnings = [];
  for (const [param] of DB_PARAMS) {
    if (user[param] !== undefined && user[param] !== cli[param]) {
      warnings.push(
        `--${param} from the command line is overridden by the image entrypoint's --${param} ` +
          `(from $ODOO_RC or env), as in the official image: set it in ${env.ODOO_RC || '$ODOO_RC'} or env instead`,
      );
    }
  }
  // Odoo's rcfile: -c, else $ODOO_RC (config.py: opt.config or ODOO_RC).
  const rcFile = cli.config || env.ODOO_RC || '';
  const file = rcFile ? readRcFile(rcFile) : {};
  for (const [param] of DB_PARAMS) {
    if (typeof file[param] === 'string' && file[param] !== cli[param]) {
      const shown = (v) => (param === 'db_password' ? '***' : v); // never log a secret
      warnings.push(
        `${param} = ${shown(file[param])} in ${rcFile} is overridden by the image entrypoint's ` +
          `--${param} ${shown(cli[param])} (it reads $ODOO_RC and env, not the -c file), as in the official image`,
      );
    }
  }
  const get = (key) => (cli[key] !== undefined ? cli[key] : file[key]);
  return {
    command,
    // optparse's version option (odoo/tools/config.py: version=release.description + release.version)
    version: cli.version === true,
    // `neutralize --stdout` (odoo/cli/neutralize.py)
    toStdout: cli.to_stdout === true,
    rcFile,
    warnings,
    dbHost: pick(get('db_host'), '/var/run/postgresql'), // psycopg2's default socket dir
    dbPort: Number(pick(get('db_port'), 5432)),
    // libpq's default is the OS user; a uid without a passwd entry has none.
    dbUser: pick(get('db_user'), undefined) ?? osUserName(),
    dbPassword: pick(get('db_password'), undefined),
    dbName: splitList(pick(get('db_name'), ''))[0] || '',
    addonsPaths: splitList(get('addons_path')),
    // odoo/tools/config.py: --load / server_wide_modules, default 'base,web'.
    serverWideModules: splitList(pick(get('server_wide_modules'), 'base,web')),
    // appdirs user_data_dir, Odoo's default when data_dir is unset.
    dataDir: pick(get('data_dir'), path.join(env.HOME || os.homedir(), '.local/share/Odoo')),
    httpPort: Number(pick(get('http_port'), pick(file.xmlrpc_port, 8069))),
    httpInterface: pick(get('http_interface'), pick(file.xmlrpc_interface, '0.0.0.0')),
    httpEnable: get('http_enable') !== false,
    stopAfterInit: get('stop_after_init') === true,
    init: splitList(cli.init),
    update: splitList(cli.update),
    withoutDemo: pick(get('without_demo'), false),
    listDb: get('list_db') !== false,
  };
}

module.exports = { loadConfig, entrypointDbArgs, odooArgv, UsageError };
