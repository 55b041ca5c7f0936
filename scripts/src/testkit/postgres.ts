import { randomBytes } from 'node:crypto';
import { Client, escapeIdentifier, escapeLiteral } from 'pg';
import { registerCleanup } from './cleanup';
import { uniqueName } from './names';
import { ensureServices } from './services';

/** Runs fn with a connection as the admin role, closed afterwards. */
export async function withAdminClient<T>(
  fn: (client: Client) => Promise<T>,
  database = 'postgres',
): Promise<T> {
  const { postgres } = await ensureServices();
  const client = new Client({
    host: postgres.host,
    port: postgres.port,
    user: postgres.adminUser,
    password: postgres.adminPassword,
    database,
  });
  // A session the server ends (pg_terminate_backend while a test writes during a switch) rejects the query
  // in flight; its 'error' event must not crash the test process as well.
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface TempRole {
  readonly name: string;
  readonly password: string;
}

/** A login role with a random password, dropped at cleanup. */
export async function createTempRole(options: { createdb?: boolean } = {}): Promise<TempRole> {
  const name = uniqueName('role');
  const password = randomBytes(16).toString('hex');
  const attributes = options.createdb ? 'LOGIN CREATEDB' : 'LOGIN';
  await withAdminClient((c) =>
    c.query(`CREATE ROLE ${escapeIdentifier(name)} ${attributes} PASSWORD ${escapeLiteral(password)}`),
  );
  registerCleanup(() => dropRole(name), `drop role ${name}`);
  return { name, password };
}

/** An empty database (owned by owner when given), dropped at cleanup. */
export async function createTempDatabase(options: { owner?: string } = {}): Promise<string> {
  const name = uniqueName('db');
  const owner = options.owner ? ` OWNER ${escapeIdentifier(options.owner)}` : '';
  await withAdminClient((c) => c.query(`CREATE DATABASE ${escapeIdentifier(name)}${owner}`));
  registerCleanup(() => dropDatabase(name), `drop database ${name}`);
  return name;
}

/**
 * Drops a database if it exists, ending its sessions first (a container may
 * still hold connections).
 */
export async function dropDatabase(name: string): Promise<void> {
  await withAdminClient(async (c) => {
    await c.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [name],
    );
    await c.query(`DROP DATABASE IF EXISTS ${escapeIdentifier(name)}`);
  });
}

/** Drops a role if it exists (its databases must be gone: cleanup order sees to that). */
export async function dropRole(name: string): Promise<void> {
  await withAdminClient(async (c) => {
    await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1', [name]);
    await c.query(`DROP ROLE IF EXISTS ${escapeIdentifier(name)}`);
  });
}

/** Databases left by any test run (names start with the kit's prefix). */
export async function listTestDatabases(): Promise<string[]> {
  const { rows } = await withAdminClient((c) =>
    c.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE 'paastest\\_%' ORDER BY 1",
    ),
  );
  return rows.map((r) => r.datname);
}
