'use strict';
// Odoo's command line, as declared in odoo/tools/config.py (optparse):
// `--opt value`, `--opt=value`, `-x value`, `-xvalue`; the last occurrence
// wins. Options the stand-in acts on map to their config keys (the same names
// the configuration file uses); other real Odoo options are accepted and
// ignored so an agent may pass them; anything else is an error, exit 2, like
// optparse's "no such option".

/** name -> [config key, takes a value] */
const OPTIONS = {
  '-c': ['config', true],
  '--config': ['config', true],
  '-d': ['db_name', true],
  '--database': ['db_name', true],
  '-i': ['init', true],
  '--init': ['init', true],
  '-u': ['update', true],
  '--update': ['update', true],
  '--stop-after-init': ['stop_after_init', false],
  '--load': ['server_wide_modules', true],
  '--addons-path': ['addons_path', true],
  '-D': ['data_dir', true],
  '--data-dir': ['data_dir', true],
  '--db_host': ['db_host', true],
  '--db_port': ['db_port', true],
  '-r': ['db_user', true],
  '--db_user': ['db_user', true],
  '-w': ['db_password', true],
  '--db_password': ['db_password', true],
  '-p': ['http_port', true],
  '--http-port': ['http_port', true],
  '--xmlrpc-port': ['http_port', true], // pre-17 alias still accepted by Odoo
  '--http-interface': ['http_interface', true],
  '--xmlrpc-interface': ['http_interface', true],
  '--no-http': ['http_enable', false],
  '--proxy-mode': ['proxy_mode', false],
  '--no-database-list': ['list_db', false],
  '--version': ['version', false],
  // Added by the neutralize command's option group (odoo/cli/neutralize.py).
  '--stdout': ['to_stdout', false],
  // Odoo <= 18 takes a value (`--without-demo=all`); 19 made it a flag.
  '--without-demo': ['without_demo', 'optional'],
};

/** Real Odoo options the stand-in accepts and ignores: name -> takes a value. */
const IGNORED = {
  '-s': false,
  '--save': false,
  '--log-level': true,
  '--log-handler': true,
  '--logfile': true,
  '--syslog': false,
  '--log-db': true,
  '--workers': true,
  '--max-cron-threads': true,
  '--limit-time-cpu': true,
  '--limit-time-real': true,
  '--limit-time-real-cron': true,
  '--limit-memory-soft': true,
  '--limit-memory-hard': true,
  '--limit-request': true,
  '--db-filter': true,
  '--db_maxconn': true,
  '--db-template': true,
  '--db_sslmode': true,
  '--smtp': true,
  '--smtp-port': true,
  '--smtp-user': true,
  '--smtp-password': true,
  '--smtp-ssl': false,
  '--email-from': true,
  '--dev': true,
  '--gevent-port': true,
  '--longpolling-port': true,
  '--pidfile': true,
  '--unaccent': false,
  '--test-enable': false,
  '--test-tags': true,
  '--with-demo': false,
  '--x-sendfile': false,
  '--upgrade-path': true,
  '--pre-upgrade-scripts': true,
  '--server-wide-modules': true,
};

class UsageError extends Error {}

const FLAG_VALUES = { http_enable: false, list_db: false };

function splitOption(arg) {
  if (arg.startsWith('--')) {
    const eq = arg.indexOf('=');
    return eq < 0 ? [arg, undefined] : [arg.slice(0, eq), arg.slice(eq + 1)];
  }
  // -dname: a short option glued to its value
  return arg.length > 2 ? [arg.slice(0, 2), arg.slice(2)] : [arg, undefined];
}

/**
 * Parses argv (without the program name) into { options, positional }, where
 * options holds config keys with the last value given; also returns the
 * order in which keys were given, for the entrypoint override warning.
 */
function parseArgs(argv) {
  const options = {};
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const [name, inline] = splitOption(arg);
    const known = OPTIONS[name];
    const ignoredTakesValue = IGNORED[name];
    if (!known && ignoredTakesValue === undefined) throw new UsageError(`no such option: ${name}`);
    const takesValue = known ? known[1] : ignoredTakesValue;
    let value = inline;
    if (takesValue === true && value === undefined) {
      if (i + 1 >= argv.length) throw new UsageError(`${name} option requires an argument`);
      value = argv[++i];
    } else if (takesValue === 'optional' && value === undefined) {
      value = i + 1 < argv.length && !argv[i + 1].startsWith('-') ? argv[++i] : 'all';
    }
    if (!known) continue;
    const key = known[0];
    options[key] = takesValue === false ? (FLAG_VALUES[key] ?? true) : value;
  }
  return { options, positional };
}

module.exports = { parseArgs, UsageError };
