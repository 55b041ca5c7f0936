'use strict';
// `odoo neutralize -d <db> [--stdout]` (odoo/cli/neutralize.py): runs the
// data/neutralize.sql of every module in state installed, to upgrade or to
// remove (odoo/modules/neutralize.py get_installed_modules,
// get_neutralization_queries), in one transaction, or prints it between
// BEGIN; and COMMIT; with --stdout. The core modules' SQL is restated below
// from Odoo 17.0's files, statement by statement; a module from the addons
// paths contributes its own <module>/data/neutralize.sql when it has one.
const fs = require('node:fs');
const path = require('node:path');
const { withClient } = require('./database');

const CORE_NEUTRALIZE = {
  // odoo/addons/base/data/neutralize.sql
  base: `
UPDATE ir_mail_server SET active = false;
INSERT INTO ir_mail_server (name, smtp_port, smtp_host, smtp_encryption, active, smtp_authentication)
VALUES ('neutralization - disable emails', 1025, 'invalid', 'none', true, 'login');
UPDATE ir_cron SET active = false WHERE id NOT IN (
  SELECT res_id FROM ir_model_data WHERE model = 'ir.cron' AND name = 'autovacuum_job' AND module = 'base');
INSERT INTO ir_config_parameter (key, value) VALUES ('database.is_neutralized', true)
  ON CONFLICT (key) DO UPDATE SET value = true;
UPDATE ir_act_server SET webhook_url = 'neutralization - disable webhook' WHERE state = 'webhook';`,
  // odoo/addons/web/data/neutralize.sql
  web: `
UPDATE ir_ui_view SET active = true WHERE key = 'web.neutralize_banner';`,
  // odoo/addons/mail/data/neutralize.sql
  mail: `
UPDATE mail_template SET mail_server_id = NULL;
UPDATE fetchmail_server SET active = false;
DELETE FROM ir_config_parameter
 WHERE key IN ('mail.web_push_vapid_private_key', 'mail.web_push_vapid_public_key', 'mail.sfu_server_key');
TRUNCATE mail_notification_web_push;
TRUNCATE mail_partner_device CASCADE;`,
  // odoo/addons/iap/data/neutralize.sql (17.0: tokens longer than 33 characters cannot take the suffix)
  iap: `
UPDATE iap_account SET account_token = REGEXP_REPLACE(account_token, '(\\+.*)?$', '+disabled')
 WHERE LENGTH(account_token) <= 33;
UPDATE iap_account SET account_token = 'dummy_value+disabled'
 WHERE LENGTH(account_token) > 33 AND account_token NOT LIKE '%+disabled';`,
};

async function installedModules(client) {
  const { rows } = await client.query(
    "SELECT name FROM ir_module_module WHERE state IN ('installed', 'to upgrade', 'to remove')",
  );
  return rows.map((r) => r.name);
}

/** file_open('<module>/data/neutralize.sql'): a missing file is skipped (suppress(FileNotFoundError)). */
function queryOf(modules, name) {
  const mod = modules.get(name);
  if (!mod) return undefined;
  if (mod.core) return CORE_NEUTRALIZE[name]?.trim();
  try {
    return fs.readFileSync(path.join(mod.dir, 'data', 'neutralize.sql'), 'utf8').trim();
  } catch (err) {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  }
}

/** Returns the exit code. */
async function neutralize({ config, modules, log, toStdout, out }) {
  if (!config.dbName) {
    log.error('odoo.cli.neutralize', 'Neutralize command needs a database name. Use "-d" argument');
    return 1;
  }
  if (!toStdout) log.info('odoo.cli.neutralize', `Starting ${config.dbName} database neutralization`);
  try {
    await withClient(config, config.dbName, async (client) => {
      const queries = (await installedModules(client)).map((n) => queryOf(modules, n)).filter(Boolean);
      if (toStdout) {
        out(['BEGIN;', ...queries.map((q) => `${q.replace(/;+$/, '')};`), 'COMMIT;'].join('\n') + '\n');
        return;
      }
      await client.query('BEGIN');
      for (const query of queries) {
        try {
          await client.query(query);
        } catch (err) {
          // odoo/sql_db.py Cursor.execute logs the failing query and PostgreSQL's error.
          log.error('odoo.sql_db', `bad query: ${query}\nERROR: ${err.message}`);
          throw err;
        }
      }
      await client.query('COMMIT');
      log.info('odoo.modules.neutralize', 'Neutralization finished');
    });
    return 0;
  } catch {
    log.critical(
      'odoo.cli.neutralize',
      'An error occurred during the neutralization. THE DATABASE IS NOT NEUTRALIZED!',
    );
    return 1;
  }
}

module.exports = { neutralize };
