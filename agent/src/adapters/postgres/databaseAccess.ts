import { escapeIdentifier, type Client } from 'pg';

/**
 * Closes a database the agent made to every role but its owner. PostgreSQL grants CONNECT and TEMPORARY on
 * every new database to PUBLIC, so any app's role could log in to another app's database and list its
 * tables; `CREATE DATABASE … TEMPLATE` does not copy the template's grants, so copies need this too.
 * The admin keeps access through its membership of the owner role.
 */
export async function restrictToOwner(client: Client, database: string, owner: string): Promise<void> {
  const db = escapeIdentifier(database);
  await client.query(`REVOKE CONNECT, TEMPORARY ON DATABASE ${db} FROM PUBLIC`);
  await client.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${db} TO ${escapeIdentifier(owner)}`);
}

/**
 * Makes the admin a member of a role it created: without superuser, the admin owns nothing of an app's,
 * and membership is what lets it give the role a database, copy, rename, dump and drop that database and
 * end its sessions. PostgreSQL 15 lets a CREATEROLE role grant any non-superuser role; 16 and newer give
 * its creator the ADMIN option, which this needs. A superuser admin is a member already in effect.
 */
export async function adoptRole(client: Client, role: string): Promise<void> {
  const { rows } = await client.query<{ member: boolean; superuser: boolean }>(
    `SELECT pg_has_role(current_user, r.oid, 'USAGE') AS member,
       (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser
     FROM pg_roles r WHERE r.rolname = $1`,
    [role],
  );
  const found = rows[0];
  if (!found || found.member || found.superuser) return;
  await client.query(`GRANT ${escapeIdentifier(role)} TO CURRENT_USER`);
}
