'use strict';
// Odoo's log line, from odoo/netsvc.py init_logger():
//   '%(asctime)s %(pid)s %(levelname)s %(dbname)s %(name)s: %(message)s'
// where dbname is '?' outside a database and asctime is Python logging's
// default 'YYYY-MM-DD HH:MM:SS,mmm'. Containers run in UTC, so UTC here.
// Everything goes to stdout, as Odoo logs to stderr only with --logfile unset
// and the official image leaves it unset (docker logs merges both anyway).

function pad(n, width = 2) {
  return String(n).padStart(width, '0');
}

function asctime(d = new Date()) {
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())},${pad(d.getUTCMilliseconds(), 3)}`
  );
}

/**
 * A Python-style traceback, as logging prints exc_info after the message.
 * frames: [{ file, line, fn, code }], innermost last.
 */
function formatTraceback(frames, excType, excMessage) {
  const lines = ['Traceback (most recent call last):'];
  for (const f of frames) {
    lines.push(`  File "${f.file}", line ${f.line}, in ${f.fn}`);
    if (f.code) lines.push(`    ${f.code}`);
  }
  lines.push(`${excType}: ${excMessage}`);
  return lines.join('\n');
}

function createLogger(write = (s) => process.stdout.write(s)) {
  let dbname = '?';
  const emit = (level, name, message, traceback) => {
    let text = `${asctime()} ${process.pid} ${level} ${dbname} ${name}: ${message}\n`;
    if (traceback) text += `${traceback}\n`;
    write(text);
  };
  return {
    setDb(name) {
      dbname = name || '?';
    },
    info: (name, msg) => emit('INFO', name, msg),
    warning: (name, msg) => emit('WARNING', name, msg),
    error: (name, msg, traceback) => emit('ERROR', name, msg, traceback),
    critical: (name, msg, traceback) => emit('CRITICAL', name, msg, traceback),
  };
}

module.exports = { asctime, createLogger, formatTraceback };
