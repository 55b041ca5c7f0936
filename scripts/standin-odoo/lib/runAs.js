'use strict';
// Odoo's first act, check_root_user() in odoo/cli/server.py, calls Python's
// getpass.getuser(): the first of LOGNAME, USER, LNAME, USERNAME that is set,
// else the passwd entry of the process's uid. A uid without an entry and none
// of those variables raises KeyError before Odoo logs anything: Python prints
// the traceback on stderr and exits 1. The stand-in does the same, so an agent
// that runs the image as an unknown uid fails in tests as it would for real.
const fs = require('node:fs');
const { formatTraceback } = require('./log');

const GETPASS_VARS = ['LOGNAME', 'USER', 'LNAME', 'USERNAME'];

/** The user name getpass.getuser() would return, or undefined when it would raise. */
function getuser(env, uid, passwd) {
  for (const name of GETPASS_VARS) if (env[name]) return env[name];
  for (const line of passwd.split('\n')) {
    const fields = line.split(':');
    if (fields.length >= 3 && Number(fields[2]) === uid) return fields[0];
  }
  return undefined;
}

function readPasswd() {
  try {
    return fs.readFileSync('/etc/passwd', 'utf8');
  } catch {
    return '';
  }
}

/** Writes Python's traceback and exits 1 when getpass.getuser() would raise, as odoo-bin does. */
function checkRootUser(env = process.env) {
  const uid = process.getuid();
  if (getuser(env, uid, readPasswd()) !== undefined) return;
  const odoo = '/usr/lib/python3/dist-packages/odoo';
  const traceback = formatTraceback(
    [
      { file: '/usr/bin/odoo', line: 8, fn: '<module>', code: 'odoo.cli.main()' },
      { file: `${odoo}/cli/command.py`, line: 66, fn: 'main', code: 'o.run(args)' },
      { file: `${odoo}/cli/server.py`, line: 179, fn: 'run', code: 'main(args)' },
      { file: `${odoo}/cli/server.py`, line: 125, fn: 'main', code: 'check_root_user()' },
      {
        file: `${odoo}/cli/server.py`,
        line: 39,
        fn: 'check_root_user',
        code: "if getpass.getuser() == 'root':",
      },
      {
        file: '/usr/lib/python3.11/getpass.py',
        line: 169,
        fn: 'getuser',
        code: 'return pwd.getpwuid(os.getuid())[0]',
      },
    ],
    'KeyError',
    `'getpwuid(): uid not found: ${uid}'`,
  );
  process.stderr.write(`${traceback}\n`);
  process.exit(1);
}

module.exports = { checkRootUser, getuser };
