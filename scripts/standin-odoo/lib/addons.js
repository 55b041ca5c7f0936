'use strict';
// Finds modules the way odoo/modules/module.py does: every sub-directory of an
// addons path holding a __manifest__.py is a module; the first path wins when
// two hold the same name. The manifest is a Python dict literal; reading it
// properly needs a Python parser, so a few regular expressions pick out the
// keys the stand-in uses ('version', 'installable', 'depends'). Good enough for
// manifests written in the usual one-key-per-line style.
const fs = require('node:fs');
const path = require('node:path');

/** Where the official image keeps Odoo's own addons (shown in the log). */
const CORE_ADDONS_PATH = '/usr/lib/python3/dist-packages/odoo/addons';
/**
 * Core modules every database can install: manifest version and the part of
 * their `depends` the stand-in has (odoo/addons/<name>/__manifest__.py; mail
 * also needs base_setup, bus and web_tour, iap base_setup, which it lacks).
 */
const CORE_MODULES = {
  base: ['1.3', []],
  web: ['1.0', ['base']],
  mail: ['1.15', ['base', 'web']],
  iap: ['1.1', ['web']],
};

/** Marker files tests drop into an addon folder; see README.md. */
const MARKERS = {
  failStart: 'STANDIN_FAIL_START',
  failUpdate: 'STANDIN_FAIL_UPDATE',
  slowStart: 'STANDIN_SLOW_START',
  logWarnings: 'STANDIN_LOG_WARNINGS',
  revision: 'PAAS_REVISION',
};

function readManifest(text) {
  const version = /['"]version['"]\s*:\s*['"]([^'"]+)['"]/.exec(text);
  const installable = /['"]installable['"]\s*:\s*(True|False)/.exec(text);
  const depends = /['"]depends['"]\s*:\s*\[([^\]]*)\]/.exec(text);
  return {
    version: version ? version[1] : '1.0',
    installable: installable ? installable[1] === 'True' : true,
    depends: depends ? [...depends[1].matchAll(/['"]([^'"]+)['"]/g)].map((m) => m[1]) : [],
  };
}

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

/** Returns Map name -> { name, dir, version, installable, depends, markers, core }. */
function scanAddons(addonsPaths, log) {
  const modules = new Map();
  for (const [name, [version, depends]] of Object.entries(CORE_MODULES)) {
    modules.set(name, {
      name,
      dir: path.join(CORE_ADDONS_PATH, name),
      version,
      installable: true,
      depends,
      markers: {},
      core: true,
    });
  }
  for (const root of addonsPaths) {
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
        ...readManifest(text),
        markers: readMarkers(dir),
        core: false,
      });
    }
  }
  return modules;
}

/** Odoo's adapt_version(): prefix the series unless the manifest has it. */
function adaptVersion(serie, version) {
  return version === serie || !version.startsWith(`${serie}.`) ? `${serie}.${version}` : version;
}

/** names plus everything they depend on, dependencies first. */
function withDependencies(modules, names) {
  const ordered = [];
  const seen = new Set();
  const visit = (name) => {
    if (seen.has(name)) return;
    seen.add(name);
    const mod = modules.get(name);
    if (!mod) return;
    mod.depends.forEach(visit);
    ordered.push(name);
  };
  names.forEach(visit);
  return ordered;
}

module.exports = { scanAddons, adaptVersion, withDependencies, readManifest, CORE_ADDONS_PATH, MARKERS };
