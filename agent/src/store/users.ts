import type { User } from '@paas/protocol';
import type { Db } from './database';

export interface UserRecord extends User {
  createdAt: string;
}

interface UserRow {
  id: string;
  email: string;
  display_name: string;
  created_at: string;
}

const toRecord = (row: UserRow): UserRecord => ({
  id: row.id,
  email: row.email,
  displayName: row.display_name,
  createdAt: row.created_at,
});

/** The protocol's view of a user: no timestamps, never tokens. */
export function publicUser(user: User): User {
  return { id: user.id, email: user.email, displayName: user.displayName };
}

export function insertUser(db: Db, user: UserRecord): void {
  db.prepare(
    'INSERT INTO users (id, email, display_name, created_at) VALUES (@id, @email, @displayName, @createdAt)',
  ).run(user);
}

export function findUser(db: Db, id: string): UserRecord | undefined {
  const row = db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
  return row && toRecord(row);
}

export function findUserByEmail(db: Db, email: string): UserRecord | undefined {
  const row = db.prepare('SELECT * FROM users WHERE email = ?').get(email.toLowerCase()) as
    UserRow | undefined;
  return row && toRecord(row);
}

export function listUsers(db: Db): UserRecord[] {
  return (db.prepare('SELECT * FROM users ORDER BY created_at, id').all() as UserRow[]).map(toRecord);
}

/** Whether a user is an agent administrator (owner of the agent-wide resources). */
export function isAgentAdmin(db: Db, userId: string): boolean {
  const row = db.prepare('SELECT agent_admin FROM users WHERE id = ?').get(userId) as
    { agent_admin: number } | undefined;
  return row?.agent_admin === 1;
}

/** Makes a user an agent administrator or takes it away; returns whether anything changed. */
export function setAgentAdmin(db: Db, userId: string, admin: boolean): boolean {
  return (
    db
      .prepare('UPDATE users SET agent_admin = ? WHERE id = ? AND agent_admin <> ?')
      .run(admin ? 1 : 0, userId, admin ? 1 : 0).changes === 1
  );
}

export function listAgentAdmins(db: Db): UserRecord[] {
  return (
    db.prepare('SELECT * FROM users WHERE agent_admin = 1 ORDER BY created_at, id').all() as UserRow[]
  ).map(toRecord);
}
