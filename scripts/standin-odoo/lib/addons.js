'use strict';
// Finds modules the way odoo/modules/module.py does: every sub-directory of an
// addons path holding a __manifest__.py is a module, and odoo.addons.__path__
// is searched in order: Odoo's own addons (the package's folder) first, then
// the addons paths (initialize_sys_path, get_module_path): the first folder
// holding a name wins. Manifests are read as ast.literal_eval reads them
// (load_manifest), with the agent's parser (lib/manifest.js); one Odoo cannot
// load is kept with its error, which loading.js turns into Odoo's failure.
const fs = require('node:fs');
const path = require('node:path');
const { readManifest, ManifestError, adaptVersion } = require('./manifest');

/** Where the official image keeps Odoo's own addons; the image ships their manifests there. */
const CORE_ADDONS_PATH = '/usr/lib/python3/dist-packages/odoo/addons';

/** Marker files tests drop into an addon folder; see README.md. */
const MARKERS = {
  failStart: 'STANDIN_FAIL_START',
  failUpdate: 'STANDIN_FAIL_UPDATE',
  failRegistry: 'STANDIN_FAIL_REGISTRY',
  slowStart: 'STANDIN_SLOW_START',
  logWarnings: 'STANDIN_LOG_WARNINGS',
  revision: 'PAAS_REVISION',
};

function readMarkers(dir) {
  const markers = {};
  for (const [key, file] of Object.entries(MARKERS)) {
    try {
      markers[key] = fs.readFileSync(path.join(dir, file), 'utf8').trim();
    } catch {
      // absent marker: the common case
    }
  }
  return markers;
}

function readModule(text, serie) {
  try {
    return readManifest(text, serie);
  } catch (err) {
    if (!(err instanceof ManifestError)) throw err;
    // Odoo's defaults stand in for what could not be read; the error decides.
    return { version: '1.0', depends: [], installable: true, manifestError: err };
  }
}

/**
 * Returns Map name -> { name, dir, version, installable, depends, markers, core,
 * manifestError? }, from Odoo's own addons then the addons paths.
 */
function scanAddons(addonsPaths, log, serie) {
  const modules = new Map();
  for (const root of [CORE_ADDONS_PATH, ...addonsPaths]) {
    let entries = [];
    try {
      entries = fs.readdirSync(root, { withFileTypes: true });
    } catch (err) {
      // Unreadable usually means a uid mismatch between host and container.
      log.warning(
        'odoo.modules.module',
        `addons path ${root} cannot be read (${err.code}): its modules are ignored`,
      );
      continue;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const dir = path.join(root, entry.name);
      if (!entry.isDirectory() || modules.has(entry.name)) continue;
      let text;
      try {
        text = fs.readFileSync(path.join(dir, '__manifest__.py'), 'utf8');
      } catch {
        continue;
      }
      modules.set(entry.name, {
        name: entry.name,
        dir,
        ...readModule(text, serie),
        markers: readMarkers(dir),
        core: root === CORE_ADDONS_PATH,
      });
    }
  }
  return modules;
}

/**
 * names plus everything they depend on, dependencies first, like
 * odoo/modules/graph.py add_modules(): a module whose dependencies cannot all
 * be found (or are not installable) is left out, and so is what depends on it.
 * Returns { ordered, unmet } (unmet: the names left out).
 */
function withDependencies(modules, names) {
  const ordered = [];
  const state = new Map(); // name -> 'visiting' | 'ok' | 'unmet'
  const visit = (name) => {
    if (state.has(name)) return state.get(name) === 'ok';
    state.set(name, 'visiting');
    const mod = modules.get(name);
    let ok = Boolean(mod && mod.installable);
    if (mod) for (const dep of mod.depends) ok = visit(dep) && ok;
    state.set(name, ok ? 'ok' : 'unmet');
    if (ok) ordered.push(name);
    return ok;
  };
  names.forEach(visit);
  const unmet = [...state].filter(([name, s]) => s === 'unmet' && modules.has(name)).map(([name]) => name);
  return { ordered, unmet };
}

module.exports = { scanAddons, adaptVersion, withDependencies, CORE_ADDONS_PATH, MARKERS };
