import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import type { PgServer } from '../../src/adapters/pgtools/pgServer';
import { connectAdmin } from '../../src/adapters/postgres/connectAdmin';
import type { BackupIdentity } from '../../src/adapters/archive/writeBackup';

/** The machine's PostgreSQL admin, as scripts/lib/ensure-system.sh sets it up (PAAS_PG_* override). */
export function adminServer(): PgServer {
  const passwordFile = process.env.PAAS_PG_ADMIN_PASSWORD_FILE ?? '/var/lib/paas-sh/pg-admin-password';
  return {
    host: process.env.PAAS_PG_HOST ?? '/var/run/postgresql',
    port: Number(process.env.PAAS_PG_PORT ?? 5432),
    adminUser: process.env.PAAS_PG_ADMIN_USER ?? 'paas_admin',
    adminPassword: readFileSync(passwordFile, 'utf8').trim(),
  };
}

/** A unique name for a test database or directory; the prefix lets cleanup find only ours. */
export function uniqueName(prefix = 'bkt'): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

export async function sql<T = Record<string, unknown>>(
  server: PgServer,
  database: string,
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = await connectAdmin(server, database, { applicationName: 'paas-tests', timeoutMs: 10_000 });
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

export async function createDatabase(server: PgServer, name: string): Promise<void> {
  await sql(server, 'postgres', `CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8'`);
}

export async function dropDatabases(server: PgServer, names: readonly string[]): Promise<void> {
  for (const name of names) await sql(server, 'postgres', `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

/** Databases whose names start with `prefix` (restores make `<db>_restore_<id>` ones). */
export async function databasesLike(server: PgServer, prefix: string): Promise<string[]> {
  const rows = await sql<{ datname: string }>(
    server,
    'postgres',
    'SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY 1',
    [`${prefix}%`],
  );
  return rows.map((r) => r.datname);
}

/**
 * Odoo-like tables with a few rows: the modules table read by the manifest, and the tables Odoo's
 * neutralization touches. `rows` adds that many `res_partner` rows for bulk.
 */
export async function seedOdooDatabase(server: PgServer, database: string, rows = 100): Promise<void> {
  await sql(
    server,
    database,
    `
    CREATE TABLE ir_module_module (id serial PRIMARY KEY, name varchar NOT NULL UNIQUE, state varchar, latest_version varchar);
    INSERT INTO ir_module_module (name, state, latest_version) VALUES
      ('base', 'installed', '17.0.1.3'), ('web', 'installed', '17.0.1.0'), ('mail', 'installed', '17.0.1.15'),
      ('website', 'uninstalled', NULL);
    CREATE TABLE ir_model_data (id serial PRIMARY KEY, module varchar, name varchar, model varchar, res_id int);
    CREATE TABLE ir_cron (id serial PRIMARY KEY, name varchar, active boolean DEFAULT true);
    INSERT INTO ir_cron (name) VALUES ('Base: Auto-vacuum internal data'), ('Mail: Email Queue Manager'), ('Partner: cleanup');
    INSERT INTO ir_model_data (module, name, model, res_id) VALUES ('base', 'autovacuum_job', 'ir.cron', 1);
    CREATE TABLE ir_mail_server (id serial PRIMARY KEY, name varchar, smtp_host varchar, smtp_port int,
      smtp_encryption varchar, smtp_authentication varchar, active boolean DEFAULT true);
    INSERT INTO ir_mail_server (name, smtp_host, smtp_port, smtp_encryption, smtp_authentication) VALUES ('prod smtp', 'smtp.example.com', 587, 'starttls', 'login');
    CREATE TABLE ir_config_parameter (id serial PRIMARY KEY, key varchar NOT NULL UNIQUE, value text, type varchar);
    INSERT INTO ir_config_parameter (key, value) VALUES ('database.uuid', 'abc'), ('web.base.url', 'https://prod.example.com');
    CREATE TABLE mail_template (id serial PRIMARY KEY, name varchar, mail_server_id int);
    INSERT INTO mail_template (name, mail_server_id) VALUES ('welcome', 1);
    CREATE TABLE res_users (id serial PRIMARY KEY, login varchar, password varchar);
    INSERT INTO res_users (login, password) VALUES ('admin', 'x');
    CREATE TABLE ir_attachment (id serial PRIMARY KEY, name varchar, store_fname varchar, checksum varchar);
    CREATE TABLE res_partner (id serial PRIMARY KEY, name text, note text);
    INSERT INTO res_partner (name, note) SELECT 'partner ' || g, md5(g::text) FROM generate_series(1, ${Math.floor(rows)}) g;
  `,
  );
}

/**
 * What Odoo 17's web, mail and iap modules add that their data/neutralize.sql touches: the banner view
 * (inactive until neutralized), mail's web-push keys, queue and devices, and IAP accounts with a token of
 * Odoo 17's length (43) and a longer legacy one. Needs seedOdooDatabase first.
 */
export async function seedNeutralizedTables(server: PgServer, database: string): Promise<void> {
  await sql(
    server,
    database,
    `
    INSERT INTO ir_module_module (name, state, latest_version) VALUES ('iap', 'installed', '17.0.1.1');
    CREATE TABLE ir_ui_view (id serial PRIMARY KEY, key varchar, active boolean);
    INSERT INTO ir_ui_view (key, active) VALUES ('web.neutralize_banner', false), ('web.login', true);
    INSERT INTO ir_config_parameter (key, value) VALUES ('mail.web_push_vapid_private_key', 'prod-private'),
      ('mail.web_push_vapid_public_key', 'prod-public'), ('mail.sfu_server_key', 'prod-sfu');
    CREATE TABLE mail_partner_device (id serial PRIMARY KEY, endpoint varchar);
    INSERT INTO mail_partner_device (endpoint) VALUES ('https://push.example.com/phone');
    CREATE TABLE mail_notification_web_push (id serial PRIMARY KEY, user_device int REFERENCES mail_partner_device(id));
    INSERT INTO mail_notification_web_push (user_device) VALUES (1);
    CREATE TABLE iap_account (id serial PRIMARY KEY, service_name varchar, account_token varchar(43));
    INSERT INTO iap_account (service_name, account_token) VALUES
      ('sms', '${'a'.repeat(32)}'), ('ocr', '${'b'.repeat(28)}+prod'), ('legacy', '${'c'.repeat(43)}');
  `,
  );
}

/** Every row of every user table, as sorted JSON lines per table: equal databases give equal snapshots. */
export async function tableContents(server: PgServer, database: string): Promise<Record<string, string>> {
  const tables = await sql<{ t: string }>(
    server,
    database,
    "SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
  );
  const out: Record<string, string> = {};
  for (const { t } of tables) {
    const rows = await sql<{ j: string }>(server, database, `SELECT row_to_json(x)::text AS j FROM "${t}" x`);
    out[t] = rows
      .map((r) => r.j)
      .sort()
      .join('\n');
  }
  return out;
}

/** A temp directory removed by the returned cleanup. */
export async function tempDir(prefix = 'paas-backups-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** Writes an Odoo-style filestore (`xx/<sha1>` files); half random bytes, half text. */
export async function makeFilestore(dir: string, files: number, size = 4096): Promise<void> {
  for (let i = 0; i < files; i++) {
    const data =
      i % 2 === 0 ? randomBytes(size) : Buffer.from(`attachment ${i}\n`.repeat(Math.ceil(size / 16)));
    const sha1 = createHash('sha1').update(data).update(String(i)).digest('hex');
    await mkdir(join(dir, sha1.slice(0, 2)), { recursive: true });
    await writeFile(join(dir, sha1.slice(0, 2), sha1), data);
  }
}

/** `relative path → sha256` of every file under `dir` (empty when it does not exist). */
export async function fileHashes(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out[relative(dir, path).split(sep).join('/')] = createHash('sha256')
      .update(await readFile(path))
      .digest('hex');
  }
  return out;
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** The catalog identity of a test backup. */
export function identity(overrides: Partial<BackupIdentity> = {}): BackupIdentity {
  return {
    backupId: 'b1',
    projectId: 'p1',
    environmentId: 'e1',
    environmentType: 'production',
    appId: 'a1',
    appName: 'main',
    commitSha: null,
    kind: 'manual',
    createdAt: new Date().toISOString(),
    ...overrides,
  };
}
