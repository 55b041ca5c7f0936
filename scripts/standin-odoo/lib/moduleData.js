'use strict';
// What installing a core module leaves in the database, as far as the parts of
// Odoo the stand-in reproduces (neutralization, backups) read it. In Odoo a
// model's table is created by the module that defines the model
// (odoo/modules/loading.py load_module_graph → registry.init_models) and its
// records come from the module's data files; here each core module's install
// runs the equivalent SQL once.

/** Runs on the install of `name` (in the install's transaction). */
const INSTALL_DATA = {
  // odoo/addons/base/data/ir_cron_data.xml: the autovacuum job (xml id
  // base.autovacuum_job, which base's neutralize.sql keeps active) and other
  // crons; odoo/addons/base/models/ir_mail_server.py's columns.
  base: async (client) => {
    const { rows } = await client.query(
      "INSERT INTO ir_cron (name, active) VALUES ('Base: Auto-vacuum internal data', true) RETURNING id",
    );
    await client.query(
      "INSERT INTO ir_model_data (module, name, model, res_id) VALUES ('base', 'autovacuum_job', 'ir.cron', $1)",
      [rows[0].id],
    );
    await client.query("INSERT INTO ir_cron (name, active) VALUES ('Base: Portal Users Deletion', true)");
  },
  // odoo/addons/web/views/neutralize_views.xml: template web.neutralize_banner, active="False".
  web: async (client) => {
    await client.query("INSERT INTO ir_ui_view (key, active) VALUES ('web.neutralize_banner', false)");
  },
  // odoo/addons/mail/models/mail_template.py, fetchmail_server.py, partner_devices.py and web_push.py
  // (models mail.partner.device, mail.notification.web.push) and its
  // "Mail: Email Queue Manager" cron (odoo/addons/mail/data/ir_cron_data.xml).
  mail: async (client) => {
    await client.query(`
      CREATE TABLE IF NOT EXISTS mail_template (id serial PRIMARY KEY, name text, mail_server_id int);
      CREATE TABLE IF NOT EXISTS fetchmail_server (id serial PRIMARY KEY, name text, active bool DEFAULT true);
      CREATE TABLE IF NOT EXISTS mail_partner_device (id serial PRIMARY KEY, partner_id int, endpoint text NOT NULL,
        keys text NOT NULL);
      CREATE TABLE IF NOT EXISTS mail_notification_web_push (id serial PRIMARY KEY,
        user_device int NOT NULL REFERENCES mail_partner_device(id) ON DELETE CASCADE, payload text);
      INSERT INTO ir_cron (name, active) VALUES ('Mail: Email Queue Manager', true);
    `);
  },
  // odoo/addons/iap/models/iap_account.py: account_token is a Char(size=43) in 17.0.
  iap: async (client) => {
    await client.query(`
      CREATE TABLE IF NOT EXISTS iap_account (id serial PRIMARY KEY, service_name varchar,
        account_token varchar(43));
    `);
  },
};

async function installData(client, name) {
  const install = INSTALL_DATA[name];
  if (install) await install(client);
}

module.exports = { installData };
