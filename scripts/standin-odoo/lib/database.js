'use strict';
// PostgreSQL access for the stand-in: wait for the server, create the database
// if missing, and keep a few tables shaped like Odoo's.
const crypto = require('node:crypto');
const { Client, Pool } = require('pg');

function connectionConfig(config, database) {
  // node-pg treats a host starting with '/' as a unix socket directory, like
  // libpq does for Odoo's psycopg2.
  return {
    host: config.dbHost,
    port: config.dbPort,
    user: config.dbUser,
    password: config.dbPassword,
    database,
    connectionTimeoutMillis: 5000,
    application_name: 'odoo-standin',
  };
}

async function withClient(config, database, fn) {
  const client = new Client(connectionConfig(config, database));
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

// The server may still be starting or its socket not there yet; anything
// else (bad password, unknown host) will not fix itself.
const TRANSIENT = new Set(['ECONNREFUSED', 'ENOENT', 'EAI_AGAIN', '57P03']);

/**
 * The image's wait-for-psql.py: retry a connection to the "postgres" database
 * for up to 30 s. Unlike the original (which retries every error), it fails at
 * once on errors that cannot fix themselves, so broken settings fail fast.
 */
async function waitForPsql(config, timeoutMs = 30000, isStopping = () => false) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await withClient(config, 'postgres', async () => {});
      return;
    } catch (err) {
      if (!TRANSIENT.has(err.code) || Date.now() >= deadline || isStopping()) throw err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/**
 * odoo/cli/server.py main(): create the database when it does not exist and
 * mark base for install; an INSUFFICIENT_PRIVILEGE error is only logged.
 * Returns true when it created the database.
 */
async function ensureDatabase(config, log) {
  return withClient(config, 'postgres', async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [config.dbName]);
    if (found.rowCount > 0) return false;
    try {
      // Identifier quoting done by PostgreSQL itself.
      const { rows } = await client.query('SELECT quote_ident($1) AS name', [config.dbName]);
      await client.query(`CREATE DATABASE ${rows[0].name} ENCODING 'unicode' TEMPLATE template0`);
      log.info('odoo.service.db', `Create database \`${config.dbName}\`.`);
      return true;
    } catch (err) {
      if (err.code !== '42501') throw err;
      log.info(
        'odoo.service.server',
        `Could not determine if database ${config.dbName} exists, skipping auto-creation: ${err.message}`,
      );
      return false;
    }
  });
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS ir_module_module (id serial PRIMARY KEY, name text UNIQUE NOT NULL, state text NOT NULL, latest_version text);
CREATE TABLE IF NOT EXISTS ir_cron (id serial PRIMARY KEY, name text, active bool);
CREATE TABLE IF NOT EXISTS ir_model_data (id serial PRIMARY KEY, module text NOT NULL, name text NOT NULL, model text, res_id int);
CREATE TABLE IF NOT EXISTS ir_mail_server (id serial PRIMARY KEY, name text, active bool, smtp_host text, smtp_port int,
  smtp_encryption text, smtp_authentication text);
CREATE TABLE IF NOT EXISTS ir_act_server (id serial PRIMARY KEY, name text, state text, webhook_url text);
CREATE TABLE IF NOT EXISTS ir_ui_view (id serial PRIMARY KEY, key text, active bool);
CREATE TABLE IF NOT EXISTS ir_config_parameter (id serial PRIMARY KEY, key text UNIQUE NOT NULL, value text);
CREATE TABLE IF NOT EXISTS res_users (id serial PRIMARY KEY, login text, active bool);
CREATE TABLE IF NOT EXISTS ir_attachment (id serial PRIMARY KEY, name text, store_fname text, checksum text, file_size int);
`;

/**
 * A session terminated under an idle connection (pg_terminate_backend, a server
 * restart) is logged and the connection dropped; the next request opens a new
 * one, as Odoo's connection pool (odoo/sql_db.py) does, instead of crashing.
 */
function openPool(config, log) {
  const pool = new Pool({ ...connectionConfig(config, config.dbName), max: 4 });
  pool.on('error', (err) => log.warning('odoo.sql_db', `connection lost: ${err.message}`));
  return pool;
}

async function ensureSchema(pool) {
  await pool.query(SCHEMA);
}

/** Rows a fresh Odoo database has after installing base. */
async function seed(client, httpPort) {
  const now = new Date().toISOString().replace('T', ' ').slice(0, 19);
  const params = [
    ['database.uuid', crypto.randomUUID()],
    ['database.create_date', now],
    ['web.base.url', `http://localhost:${httpPort}`],
  ];
  for (const [key, value] of params) {
    await client.query(
      'INSERT INTO ir_config_parameter (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING',
      [key, value],
    );
  }
  await client.query("INSERT INTO ir_mail_server (name, active) VALUES ('localhost', true)");
  await client.query("INSERT INTO res_users (login, active) VALUES ('admin', true)");
}

async function listModules(pool) {
  const { rows } = await pool.query('SELECT name, state, latest_version FROM ir_module_module ORDER BY name');
  return rows;
}

module.exports = {
  connectionConfig,
  withClient,
  waitForPsql,
  ensureDatabase,
  openPool,
  ensureSchema,
  seed,
  listModules,
};
