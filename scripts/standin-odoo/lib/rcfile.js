'use strict';
// Reads an Odoo configuration file: INI, options in the [options] section.
// Mirrors odoo/tools/config.py _parse_config(): 'True'/'False' (any case of
// the first letter) become booleans, 'None' means unset, and False means
// "use the default" for db_host, db_user, etc.

function parseValue(raw) {
  const v = raw.trim();
  if (v === 'True' || v === 'true') return true;
  if (v === 'False' || v === 'false' || v === 'None') return false;
  return v;
}

/** Returns { key: value } of the [options] section; other sections ignored. */
function parseRcFile(text) {
  const options = {};
  let section = '';
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith(';') || trimmed.startsWith('#')) continue;
    const header = /^\[(.+)\]$/.exec(trimmed);
    if (header) {
      section = header[1].trim();
      continue;
    }
    const eq = trimmed.indexOf('=');
    if (section !== 'options' || eq < 0) continue;
    options[trimmed.slice(0, eq).trim()] = parseValue(trimmed.slice(eq + 1));
  }
  return options;
}

module.exports = { parseRcFile, parseValue };
