'use strict';
// The HTTP endpoints a deployment tool touches. /web/health follows Odoo 17+
// (odoo/addons/web/controllers/home.py Home.health): {"status": "pass"}, and
// with ?db_server_status=1 a connection to the "postgres" database, reported as
// db_server_status, with status "fail" and HTTP 500 when it fails.
// /paas-test/* exist only in the stand-in, for tests.
const http = require('node:http');
const { withClient, listModules } = require('./database');
const { storeAttachment } = require('./filestore');

const MAX_BODY = 64 * 1024 * 1024;

function send(res, status, body, type = 'application/json') {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': `${type}; charset=utf-8`, 'Cache-Control': 'no-store' });
  res.end(text);
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > MAX_BODY) reject(new Error('request body too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(ctx, title) {
  const db = ctx.config.dbName || '(no database)';
  return (
    `<!DOCTYPE html><html><head><title>${escapeHtml(title)} | Odoo</title></head><body>` +
    `<h1>${escapeHtml(title)}</h1><p>Odoo ${escapeHtml(ctx.version)} (PaaS.sh stand-in), database ${escapeHtml(db)}</p></body></html>`
  );
}

async function health(ctx, url, res) {
  const info = { status: 'pass' };
  let status = 200;
  if (url.searchParams.get('db_server_status')) {
    try {
      await withClient(ctx.config, 'postgres', (c) => c.query('SELECT 1'));
      info.db_server_status = true;
    } catch {
      Object.assign(info, { db_server_status: false, status: 'fail' });
      status = 500;
    }
  }
  send(res, status, info);
}

async function state(ctx, res) {
  const body = {
    version: ctx.version,
    db: ctx.config.dbName || null,
    modules: [],
    attachments: 0,
    revision: ctx.revision,
  };
  if (ctx.pool) {
    body.modules = await listModules(ctx.pool);
    const { rows } = await ctx.pool.query('SELECT count(*)::int AS n FROM ir_attachment');
    body.attachments = rows[0].n;
  }
  send(res, 200, body);
}

async function route(ctx, req, res, url) {
  if (ctx.registryError) {
    // odoo/modules/registry.py Registry.new() fails on every request, and
    // odoo/http.py logs the exception: the log repeats the traceback.
    ctx.log.error('odoo.modules.registry', 'Failed to load registry');
    ctx.log.error('odoo.http', 'Exception during request handling.', ctx.registryError);
    return send(res, 500, page(ctx, 'Internal Server Error'), 'text/html');
  }
  const key = `${req.method} ${url.pathname}`;
  if (key === 'GET /web/health') return health(ctx, url, res);
  if (key === 'GET /') return send(res, 200, page(ctx, 'Odoo'), 'text/html');
  if (key === 'GET /web/login') return send(res, 200, page(ctx, 'Log in'), 'text/html');
  if (key === 'POST /web/webclient/version_info') {
    const [major, minor] = ctx.version.split('.').map(Number);
    return send(res, 200, {
      jsonrpc: '2.0',
      id: null,
      result: {
        server_version: ctx.version,
        server_version_info: [major, minor, 0, 'final', 0, ''],
        server_serie: ctx.version,
        protocol_version: 1,
      },
    });
  }
  if (key === 'GET /paas-test/state') return state(ctx, res);
  if (key === 'POST /paas-test/attachment') {
    if (!ctx.pool) return send(res, 409, { error: 'no database selected (-d / db_name)' });
    const stored = await storeAttachment(
      ctx.pool,
      ctx.config.dataDir,
      ctx.config.dbName,
      await readBody(req),
      url.searchParams.get('name') || 'attachment',
    );
    return send(res, 200, stored);
  }
  return send(res, 404, page(ctx, '404: Not Found'), 'text/html');
}

/** werkzeug's access line, which Odoo logs at INFO for every request. */
function accessLine(req, res, started) {
  const d = new Date();
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const when = `${String(d.getUTCDate()).padStart(2, '0')}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()} ${d.toISOString().slice(11, 19)}`;
  const secs = ((Date.now() - started) / 1000).toFixed(3);
  return `${req.socket.remoteAddress} - - [${when}] "${req.method} ${req.url} HTTP/${req.httpVersion}" ${res.statusCode} - 1 0.000 ${secs}`;
}

function createServer(ctx) {
  return http.createServer((req, res) => {
    const started = Date.now();
    res.on('finish', () => ctx.log.info('werkzeug', accessLine(req, res, started)));
    const url = new URL(req.url, 'http://localhost');
    route(ctx, req, res, url).catch((err) => {
      ctx.log.error('odoo.http', `Exception during request handling: ${err.message}`);
      if (!res.headersSent) send(res, 500, { error: err.message });
      else res.end();
    });
  });
}

module.exports = { createServer };
