import { Client } from 'pg';
import type { PgServer } from './postgres';

/**
 * Connects a short-lived client to `database` as the server's admin role; the caller ends it. Failures
 * are `pg`'s own errors: the deploy adapter and the backup tools each turn them into their typed errors.
 */
export async function connectAdmin(
  server: PgServer,
  database: string,
  options: { applicationName: string; timeoutMs: number; searchPath?: string },
): Promise<Client> {
  const client = new Client({
    host: server.host,
    port: server.port,
    user: server.adminUser,
    password: server.adminPassword,
    database,
    application_name: options.applicationName,
    connectionTimeoutMillis: options.timeoutMs,
    ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
  });
  // A server that goes away mid-operation emits 'error' on the client; the pending query rejects with it.
  client.on('error', () => undefined);
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
}
