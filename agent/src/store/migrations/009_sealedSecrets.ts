import type { Migration } from './index';
import { SecretBox } from '../secretBox';

/** Every column that holds a secret, in the tables kept apart for them (002, 004, 005). */
export const SECRET_COLUMNS = [
  { table: 'project_secrets', key: 'project_id', column: 'registry_credentials' },
  { table: 'database_server_secrets', key: 'server_id', column: 'admin_password' },
  { table: 'app_secrets', key: 'app_id', column: 'database_password' },
  { table: 'storage_secrets', key: 'storage_id', column: 'secret' },
] as const;

/**
 * Secrets at rest: every stored secret is sealed with the agent's secret key (see secretBox.ts), which
 * lives in its own file, so a copy of the store alone reveals no password. `secret_key_check` holds one
 * value sealed with the key, so a start with another key fails at once with a clear error instead of when
 * some secret is first read.
 */
export const sealedSecrets: Migration = {
  version: 9,
  name: 'sealedSecrets',
  up: (db, context) => {
    db.exec(`
      CREATE TABLE secret_key_check (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        sealed TEXT NOT NULL
      );
    `);
    for (const { table, key, column } of SECRET_COLUMNS) {
      const rows = db.prepare(`SELECT ${key} AS id, ${column} AS value FROM ${table}`).all() as {
        id: string;
        value: string;
      }[];
      const clear = rows.filter((row) => !SecretBox.isSealed(row.value));
      if (clear.length === 0) continue;
      if (!context?.secrets) throw new Error(`migration 9 needs the secret key to seal ${table}`);
      const update = db.prepare(`UPDATE ${table} SET ${column} = ? WHERE ${key} = ?`);
      for (const row of clear) update.run(context.secrets.seal(row.value), row.id);
    }
  },
};
