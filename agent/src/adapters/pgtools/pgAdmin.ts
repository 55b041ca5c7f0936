import type { Client } from 'pg';
import { adoptRole, restrictToOwner } from '../postgres/databaseAccess';
import { ident, pgError, withClient, type PgServer } from './pgServer';

/** Database-level operations the backup engine needs, as the admin role on the `postgres` database. */

export async function databaseExists(server: PgServer, name: string): Promise<boolean> {
  return withClient(server, 'postgres', async (client) => {
    const result = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return result.rowCount === 1;
  });
}

/** Creates an empty UTF-8 database from template0, owned by `owner` (the admin role when omitted). */
export async function createDatabase(server: PgServer, name: string, owner?: string): Promise<void> {
  await withClient(server, 'postgres', async (client) => {
    const ownerClause = owner ? ` OWNER ${ident(owner)}` : '';
    try {
      if (owner) await adoptRole(client, owner);
      await client.query(`CREATE DATABASE ${ident(name)}${ownerClause} ENCODING 'UTF8' TEMPLATE template0`);
      await restrictToOwner(client, name, owner ?? server.adminUser);
    } catch (error) {
      throw pgError(error, `cannot create database ${name}`);
    }
  });
}

async function terminate(client: Client, name: string): Promise<void> {
  await client.query(
    'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
    [name],
  );
}

/** Ends the database's sessions and drops it; a missing database is not an error. */
export async function dropDatabase(server: PgServer, name: string): Promise<void> {
  await withClient(server, 'postgres', async (client) => {
    try {
      // FORCE (PostgreSQL 13+) ends sessions that connect between the terminate and the drop.
      await terminate(client, name);
      await client.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`);
    } catch (error) {
      throw pgError(error, `cannot drop database ${name}`);
    }
  });
}

/**
 * Renames `from` to `to` after ending its sessions. Used to switch an app to its restored database when
 * the app's database name is fixed.
 */
export async function renameDatabase(server: PgServer, from: string, to: string): Promise<void> {
  await withClient(server, 'postgres', async (client) => {
    try {
      await client.query(`ALTER DATABASE ${ident(from)} ALLOW_CONNECTIONS false`);
      await terminate(client, from);
      await client.query(`ALTER DATABASE ${ident(from)} RENAME TO ${ident(to)}`);
      await client.query(`ALTER DATABASE ${ident(to)} ALLOW_CONNECTIONS true`);
    } catch (error) {
      await client.query(`ALTER DATABASE ${ident(from)} ALLOW_CONNECTIONS true`).catch(() => undefined);
      throw pgError(error, `cannot rename database ${from} to ${to}`);
    }
  });
}

/** The owner role of a database, or `undefined` when it does not exist. */
export async function databaseOwner(server: PgServer, name: string): Promise<string | undefined> {
  return withClient(server, 'postgres', async (client) => {
    const result = await client.query<{ owner: string }>(
      'SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1',
      [name],
    );
    return result.rows[0]?.owner;
  });
}
