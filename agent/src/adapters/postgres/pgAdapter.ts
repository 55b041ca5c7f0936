import { escapeIdentifier, escapeLiteral, type Client } from 'pg';
import { connectAdmin } from './connectAdmin';
import { AdapterError } from '../errors';
import { moduleRows } from '../pgtools/pgFacts';
import { withClient } from '../pgtools/pgServer';
import type { ModuleState, PgDatabase, PgServer, PostgresAdapter } from './postgres';

const UNAVAILABLE = new Set(['ECONNREFUSED', 'ENOENT', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', '57P03']);
const AUTH = new Set(['28P01', '28000']);
const EXISTS = new Set(['42P04', '42710']);

function failure(what: string, error: unknown): AdapterError {
  const code = (error as { code?: string }).code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (UNAVAILABLE.has(code) || /timeout|terminated unexpectedly/i.test(message)) {
    return new AdapterError('PG_UNAVAILABLE', `${what}: the database server does not answer (${message})`, {
      cause: error,
    });
  }
  if (AUTH.has(code)) return new AdapterError('PG_AUTH_FAILED', `${what}: ${message}`, { cause: error });
  if (EXISTS.has(code)) return new AdapterError('PG_EXISTS', `${what}: ${message}`, { cause: error });
  if (code === '3D000') return new AdapterError('PG_NOT_FOUND', `${what}: ${message}`, { cause: error });
  return new AdapterError('PG_FAILED', `${what}: ${message}`, { cause: error });
}

const DESCRIBE = `SELECT d.datname AS name, pg_get_userbyid(d.datdba) AS owner,
  pg_database_size(d.datname)::bigint AS size FROM pg_database d WHERE NOT d.datistemplate`;

/** The PostgreSQL adapter on node-postgres: one short admin connection per operation. */
export class PgAdapter implements PostgresAdapter {
  private async withAdmin<T>(
    server: PgServer,
    what: string,
    work: (client: Client) => Promise<T>,
  ): Promise<T> {
    let client: Client;
    try {
      client = await connectAdmin(server, 'postgres', { applicationName: 'paas-agent', timeoutMs: 5000 });
    } catch (error) {
      throw failure(what, error);
    }
    try {
      return await work(client);
    } catch (error) {
      throw error instanceof AdapterError ? error : failure(what, error);
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  moduleStates(server: PgServer, database: string): Promise<ModuleState[]> {
    return withClient(server, database, moduleRows);
  }

  check(server: PgServer): Promise<void> {
    return this.withAdmin(server, 'connect', async (client) => {
      await client.query('SELECT 1');
    });
  }

  ensureRole(server: PgServer, role: string, password: string): Promise<void> {
    return this.withAdmin(server, `role ${role}`, (client) => upsertRole(client, role, password));
  }

  ensureAppDatabase(server: PgServer, name: string, password: string): Promise<boolean> {
    return this.withAdmin(server, `database ${name}`, async (client) => {
      await upsertRole(client, name, password);
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (found.rowCount) return false;
      const id = escapeIdentifier(name);
      await client.query(`CREATE DATABASE ${id} OWNER ${id} ENCODING 'UTF8' TEMPLATE template0`);
      return true;
    });
  }

  dropRole(server: PgServer, role: string): Promise<void> {
    return this.withAdmin(server, `drop role ${role}`, async (client) => {
      await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1', [role]);
      await client.query(`DROP ROLE IF EXISTS ${escapeIdentifier(role)}`);
    });
  }

  databaseExists(server: PgServer, name: string): Promise<boolean> {
    return this.withAdmin(server, `database ${name}`, async (client) => {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      return (found.rowCount ?? 0) > 0;
    });
  }

  createDatabase(server: PgServer, name: string, owner?: string): Promise<void> {
    return this.withAdmin(server, `create database ${name}`, async (client) => {
      const ownedBy = owner ? ` OWNER ${escapeIdentifier(owner)}` : '';
      await client.query(
        `CREATE DATABASE ${escapeIdentifier(name)}${ownedBy} ENCODING 'UTF8' TEMPLATE template0`,
      );
    });
  }

  dropDatabase(server: PgServer, name: string): Promise<void> {
    return this.withAdmin(server, `drop database ${name}`, async (client) => {
      await closeDatabase(client, name);
      await client.query(`DROP DATABASE IF EXISTS ${escapeIdentifier(name)}`);
    });
  }

  copyDatabase(server: PgServer, source: string, target: string): Promise<void> {
    return this.withAdmin(server, `copy database ${source}`, async (client) => {
      const { rows } = await client.query<{ owner: string }>(
        'SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1',
        [source],
      );
      if (!rows[0]) throw new AdapterError('PG_NOT_FOUND', `no database ${source}`);
      await closeDatabase(client, source);
      try {
        await client.query(
          `CREATE DATABASE ${escapeIdentifier(target)} TEMPLATE ${escapeIdentifier(source)} OWNER ${escapeIdentifier(rows[0].owner)}`,
        );
      } finally {
        await reopenDatabase(client, source);
      }
    });
  }

  replaceDatabase(server: PgServer, live: string, replacement: string): Promise<void> {
    return this.withAdmin(server, `restore database ${live}`, async (client) => {
      const discarded = `${live.slice(0, 40)}_discard_${Date.now().toString(36)}`;
      await closeDatabase(client, live);
      await closeDatabase(client, replacement);
      await client.query(`ALTER DATABASE ${escapeIdentifier(live)} RENAME TO ${escapeIdentifier(discarded)}`);
      await client.query(
        `ALTER DATABASE ${escapeIdentifier(replacement)} RENAME TO ${escapeIdentifier(live)}`,
      );
      await reopenDatabase(client, live);
      await client.query(`DROP DATABASE IF EXISTS ${escapeIdentifier(discarded)}`);
    });
  }

  listDatabases(server: PgServer): Promise<PgDatabase[]> {
    return this.withAdmin(server, 'list databases', async (client) => {
      const { rows } = await client.query<{ name: string; owner: string; size: string }>(
        `${DESCRIBE} ORDER BY d.datname`,
      );
      return rows.map((r) => ({ name: r.name, owner: r.owner, sizeBytes: Number(r.size) }));
    });
  }

  describeDatabase(server: PgServer, name: string): Promise<PgDatabase | undefined> {
    return this.withAdmin(server, `database ${name}`, async (client) => {
      const { rows } = await client.query<{ name: string; owner: string; size: string }>(
        `${DESCRIBE} AND d.datname = $1`,
        [name],
      );
      const row = rows[0];
      return row && { name: row.name, owner: row.owner, sizeBytes: Number(row.size) };
    });
  }
}

/** Creates a login role without privileges, or resets the password of the existing one. */
async function upsertRole(client: Client, role: string, password: string): Promise<void> {
  const found = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  const verb = found.rowCount ? 'ALTER' : 'CREATE';
  await client.query(
    `${verb} ROLE ${escapeIdentifier(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${escapeLiteral(password)}`,
  );
}

/** Refuses new connections to the database and ends the ones it has, so it can be copied or renamed. */
async function closeDatabase(client: Client, name: string): Promise<void> {
  const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (!found.rowCount) return;
  await client.query(`ALTER DATABASE ${escapeIdentifier(name)} ALLOW_CONNECTIONS false`);
  await client.query(
    'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
    [name],
  );
}

async function reopenDatabase(client: Client, name: string): Promise<void> {
  await client.query(`ALTER DATABASE ${escapeIdentifier(name)} ALLOW_CONNECTIONS true`);
}
