/**
 * The fallback for images without `odoo neutralize` (Odoo 15 and older; the agent runs the image's own
 * command otherwise, see odooCommands.ts): Odoo's neutralization of a database copy, step by step. Odoo runs `<module>/data/neutralize.sql` of
 * every installed module (odoo/modules/neutralize.py: modules in state installed, to upgrade or to
 * remove). We cannot read those files (Odoo's code is in the app's image), so each module's steps are
 * restated here from Odoo's sources, and each runs only when its module is installed and the tables and
 * columns it touches exist (they vary across Odoo series).
 */
export interface NeutralizeStep {
  module: string;
  /** What the step does, for the restore log. */
  what: string;
  /** Tables and the columns each must have for the step to apply. */
  needs: Record<string, readonly string[]>;
  sql: string;
}

const STEPS: readonly NeutralizeStep[] = [
  // odoo/addons/base/data/neutralize.sql
  {
    module: 'base',
    what: 'outgoing mail servers deactivated',
    needs: { ir_mail_server: ['active'] },
    sql: 'UPDATE ir_mail_server SET active = false',
  },
  {
    // Odoo 17+: a dummy server so the command line's fallback SMTP is never used either.
    module: 'base',
    what: 'dummy mail server added',
    needs: {
      ir_mail_server: ['name', 'smtp_port', 'smtp_host', 'smtp_encryption', 'active', 'smtp_authentication'],
    },
    sql: `INSERT INTO ir_mail_server (name, smtp_port, smtp_host, smtp_encryption, active, smtp_authentication)
          VALUES ('neutralization - disable emails', 1025, 'invalid', 'none', true, 'login')`,
  },
  {
    module: 'base',
    what: 'scheduled actions deactivated (except autovacuum)',
    needs: { ir_cron: ['active'], ir_model_data: ['module', 'name', 'model', 'res_id'] },
    sql: `UPDATE ir_cron SET active = false WHERE id NOT IN (
            SELECT res_id FROM ir_model_data WHERE model = 'ir.cron' AND name = 'autovacuum_job' AND module = 'base')`,
  },
  {
    module: 'base',
    what: 'database flagged as neutralized (database.is_neutralized)',
    needs: { ir_config_parameter: ['key', 'value'] },
    sql: `WITH updated AS (UPDATE ir_config_parameter SET value = 'true' WHERE key = 'database.is_neutralized' RETURNING 1)
          INSERT INTO ir_config_parameter (key, value) SELECT 'database.is_neutralized', 'true'
          WHERE NOT EXISTS (SELECT 1 FROM updated)`,
  },
  {
    module: 'base',
    what: 'webhooks of server actions disabled',
    needs: { ir_act_server: ['state', 'webhook_url'] },
    sql: "UPDATE ir_act_server SET webhook_url = 'neutralization - disable webhook' WHERE state = 'webhook'",
  },
  // addons/web/data/neutralize.sql: the "neutralized database" banner every page shows
  {
    module: 'web',
    what: 'neutralization banner shown (web.neutralize_banner)',
    needs: { ir_ui_view: ['key', 'active'] },
    sql: "UPDATE ir_ui_view SET active = true WHERE key = 'web.neutralize_banner'",
  },
  // addons/mail/data/neutralize.sql (and fetchmail's, merged into mail in 17.0)
  {
    module: 'mail',
    what: 'mail templates detached from their mail servers',
    needs: { mail_template: ['mail_server_id'] },
    sql: 'UPDATE mail_template SET mail_server_id = NULL',
  },
  {
    module: 'mail',
    what: 'incoming mail servers deactivated',
    needs: { fetchmail_server: ['active'] },
    sql: 'UPDATE fetchmail_server SET active = false',
  },
  {
    // Without this a copy signs web pushes with production's VAPID keys and reaches production's users.
    module: 'mail',
    what: 'web-push VAPID keys and SFU server key removed',
    needs: { ir_config_parameter: ['key'] },
    sql: `DELETE FROM ir_config_parameter WHERE key IN
            ('mail.web_push_vapid_private_key', 'mail.web_push_vapid_public_key', 'mail.sfu_server_key')`,
  },
  {
    module: 'mail',
    what: 'queued web pushes deleted',
    needs: { mail_notification_web_push: [] },
    sql: 'TRUNCATE mail_notification_web_push',
  },
  {
    module: 'mail',
    what: 'push devices of partners deleted',
    needs: { mail_partner_device: [] },
    sql: 'TRUNCATE mail_partner_device CASCADE',
  },
  {
    module: 'fetchmail',
    what: 'incoming mail servers deactivated',
    needs: { fetchmail_server: ['active'] },
    sql: 'UPDATE fetchmail_server SET active = false',
  },
  // addons/payment/data/neutralize.sql (is_live in older series, state in newer ones)
  {
    module: 'payment',
    what: 'payment providers switched off',
    needs: { payment_provider: ['state'] },
    sql: "UPDATE payment_provider SET state = 'disabled' WHERE state NOT IN ('test', 'disabled')",
  },
  // addons/website/data/neutralize.sql
  {
    module: 'website',
    what: 'website domains, CDN and crawling disabled',
    needs: { website: ['domain', 'cdn_activated', 'robots_txt'] },
    sql: "UPDATE website SET domain = NULL, cdn_activated = false, robots_txt = E'User-agent: *\\nDisallow: /'",
  },
  {
    module: 'website',
    what: 'neutralization ribbon shown',
    needs: { ir_ui_view: ['key', 'active'] },
    sql: "UPDATE ir_ui_view SET active = true WHERE key = 'website.neutralize_ribbon'",
  },
  // addons/iap/data/neutralize.sql (17.0): the column is varchar(43), so a token longer than 33 characters
  // (legacy, pre-17) cannot take the suffix and is replaced whole.
  {
    module: 'iap',
    what: 'IAP account tokens disabled',
    needs: { iap_account: ['account_token'] },
    sql: `UPDATE iap_account SET account_token = REGEXP_REPLACE(account_token, '(\\+.*)?$', '+disabled')
          WHERE LENGTH(account_token) <= 33`,
  },
  {
    module: 'iap',
    what: 'legacy IAP account tokens replaced',
    needs: { iap_account: ['account_token'] },
    sql: `UPDATE iap_account SET account_token = 'dummy_value+disabled'
          WHERE LENGTH(account_token) > 33 AND account_token NOT LIKE '%+disabled'`,
  },
  // addons/delivery/data/neutralize.sql
  {
    module: 'delivery',
    what: 'shipping carriers switched to test mode',
    needs: { delivery_carrier: ['prod_environment'] },
    sql: 'UPDATE delivery_carrier SET prod_environment = false',
  },
];

/** Crons of a database without `ir_model_data` (not a full Odoo): all are switched off. */
const CRONS_WITHOUT_XMLIDS: NeutralizeStep = {
  module: 'base',
  what: 'scheduled actions deactivated',
  needs: { ir_cron: ['active'] },
  sql: 'UPDATE ir_cron SET active = false',
};

function applies(step: NeutralizeStep, columns: ReadonlyMap<string, ReadonlySet<string>>): boolean {
  return Object.entries(step.needs).every(([table, needed]) => {
    const present = columns.get(table);
    return present !== undefined && needed.every((column) => present.has(column));
  });
}

/** The steps to run for a database with these installed modules and these tables' columns, in order. */
export function neutralizationPlan(
  installedModules: readonly string[],
  columns: ReadonlyMap<string, ReadonlySet<string>>,
): NeutralizeStep[] {
  const installed = new Set(installedModules);
  const plan = STEPS.filter((step) => installed.has(step.module) && applies(step, columns));
  const withXmlIds = STEPS.find((step) => step.needs.ir_model_data && step.needs.ir_cron)!;
  if (installed.has('base') && !plan.includes(withXmlIds) && applies(CRONS_WITHOUT_XMLIDS, columns)) {
    plan.unshift(CRONS_WITHOUT_XMLIDS);
  }
  return plan;
}
