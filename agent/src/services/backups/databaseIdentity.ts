import { randomUUID } from 'node:crypto';

/** An Odoo datetime string, as `fields.Datetime.now()` stores it: UTC `YYYY-MM-DD HH:MM:SS`. */
function odooDatetime(at: Date): string {
  return at.toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * The statements that give a restored copy a database identity of its own. Odoo's restore does this for
 * a copy (odoo/service/db.py `restore_db(copy=True)` calls `ir.config_parameter.init(force=True)`,
 * odoo/addons/base/models/ir_config_parameter.py `_default_parameters`): a new `database.uuid` (which
 * Odoo's IAP, publisher warranty and enterprise subscription key on), a new `database.secret` (which
 * signs sessions, tokens and portal links), and the creation date. `web.base.url` is left alone: Odoo
 * resets it to localhost and relies on the next admin login to fix it; the app's own URL is kept instead.
 * Values are generated UUIDs and a timestamp, safe as SQL literals. Nothing happens without the table.
 */
export function newIdentityStatements(hasConfigTable: boolean, at: Date): string[] {
  if (!hasConfigTable) return [];
  const set = (key: string, value: string): string =>
    `UPDATE ir_config_parameter SET value = '${value}' WHERE key = '${key}'`;
  return [
    set('database.uuid', randomUUID()),
    set('database.secret', randomUUID()),
    set('database.create_date', odooDatetime(at)),
  ];
}
