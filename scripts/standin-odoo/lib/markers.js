'use strict';
// What the test marker files do at start (see README.md): extra WARNING lines,
// a start failure that looks like a module failing to import, and a delay.
const { formatTraceback } = require('./log');

function logWarnings(modules, log) {
  for (const mod of modules.values()) {
    const count = Number.parseInt(mod.markers.logWarnings ?? '', 10);
    for (let i = 1; i <= (Number.isFinite(count) ? count : 0); i++) {
      log.warning(`odoo.addons.${mod.name}.models.models`, `stand-in warning ${i}/${count} from ${mod.name}`);
    }
  }
}

/** The first module with STANDIN_FAIL_START, as odoo.modules.module logs an import error. */
function startFailure(modules) {
  for (const mod of modules.values()) {
    if (mod.markers.failStart === undefined) continue;
    return {
      module: mod.name,
      traceback: formatTraceback(
        [
          {
            file: '/usr/lib/python3/dist-packages/odoo/modules/module.py',
            line: 480,
            fn: 'load_openerp_module',
            code: '__import__(qualname)',
          },
          { file: `${mod.dir}/__init__.py`, line: 2, fn: '<module>', code: 'from . import models' },
          {
            file: `${mod.dir}/models/models.py`,
            line: 12,
            fn: '<module>',
            code: "raise ImportError('stand-in start failure')",
          },
        ],
        'ImportError',
        `stand-in: ${mod.name} fails to load because ${mod.dir}/STANDIN_FAIL_START exists`,
      ),
    };
  }
  return null;
}

/** Largest STANDIN_SLOW_START delay in ms (0 when none). */
function startDelay(modules) {
  let delay = 0;
  for (const mod of modules.values()) {
    const ms = Number.parseInt(mod.markers.slowStart ?? '', 10);
    if (Number.isFinite(ms) && ms > delay) delay = ms;
  }
  return delay;
}

/** Content of the first PAAS_REVISION file found, or null. */
function revision(modules) {
  for (const mod of modules.values()) if (mod.markers.revision !== undefined) return mod.markers.revision;
  return null;
}

module.exports = { logWarnings, startFailure, startDelay, revision };
