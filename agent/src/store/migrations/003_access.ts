import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Migration } from './index';

/** The plans as first shipped; the operator edits them afterwards (`paas-agent plan set`). */
const DEFAULT_PLANS = [
  {
    tier: 'free',
    price: 0,
    limits: {
      instances: 3,
      environments: 3,
      includedSeats: 2,
      automatedBuilds: 20,
      backupRetention: { daily: 1, weekly: 0, monthly: 0 },
      whiteLabel: false,
    },
  },
  {
    tier: 'essential',
    price: 2900,
    limits: {
      instances: 6,
      environments: 3,
      includedSeats: 5,
      automatedBuilds: 100,
      backupRetention: { daily: 7, weekly: 4, monthly: 0 },
      whiteLabel: false,
    },
  },
  {
    tier: 'pro',
    price: 7900,
    limits: {
      instances: 15,
      environments: 3,
      includedSeats: 15,
      automatedBuilds: 500,
      backupRetention: { daily: 14, weekly: 8, monthly: 6 },
      whiteLabel: false,
    },
  },
  {
    tier: 'premium',
    price: 19900,
    limits: {
      instances: 40,
      environments: 3,
      includedSeats: 50,
      automatedBuilds: null,
      backupRetention: { daily: 30, weekly: 12, monthly: 12 },
      whiteLabel: true,
    },
  },
];

const SCHEMA = `
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    created_at TEXT NOT NULL
  );

  -- Who created an organization: each user creates at most one.
  ALTER TABLE organizations ADD COLUMN created_by TEXT REFERENCES users (id);
  CREATE UNIQUE INDEX organizations_one_per_creator ON organizations (created_by) WHERE created_by IS NOT NULL;

  CREATE TABLE memberships (
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'developerPlus', 'developer', 'viewer')),
    joined_at TEXT NOT NULL,
    PRIMARY KEY (organization_id, user_id)
  );
  CREATE INDEX memberships_user ON memberships (user_id);

  -- Invitation codes are stored as SHA-256 hashes: the code itself exists only in the inviter's answer.
  CREATE TABLE invitations (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    role TEXT NOT NULL,
    code_hash BLOB NOT NULL UNIQUE,
    state TEXT NOT NULL CHECK (state IN ('pending', 'accepted', 'revoked', 'expired')),
    invited_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    accepted_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    decided_at TEXT
  );
  CREATE UNIQUE INDEX invitations_one_pending ON invitations (organization_id, email) WHERE state = 'pending';

  CREATE TABLE teams (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (organization_id, name)
  );

  CREATE TABLE team_members (
    team_id TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, user_id)
  );

  CREATE TABLE project_collaborators (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    user_id TEXT REFERENCES users (id) ON DELETE CASCADE,
    team_id TEXT REFERENCES teams (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('admin', 'developerPlus', 'developer', 'viewer')),
    created_at TEXT NOT NULL,
    CHECK ((user_id IS NULL) <> (team_id IS NULL))
  );
  CREATE UNIQUE INDEX project_collaborators_user ON project_collaborators (project_id, user_id) WHERE user_id IS NOT NULL;
  CREATE UNIQUE INDEX project_collaborators_team ON project_collaborators (project_id, team_id) WHERE team_id IS NOT NULL;

  CREATE TABLE plans (
    tier TEXT PRIMARY KEY CHECK (tier IN ('free', 'essential', 'pro', 'premium')),
    limits TEXT NOT NULL,
    monthly_price INTEGER NOT NULL CHECK (monthly_price >= 0),
    currency TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );

  -- Tokens now belong to users; the role moves to the user's organization membership.
  CREATE TABLE tokens_v3 (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    secret_hash BLOB NOT NULL,
    created_at TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at TEXT
  );

  ALTER TABLE audit_log ADD COLUMN organization_id TEXT;
  ALTER TABLE audit_log ADD COLUMN project_id TEXT;
  CREATE INDEX audit_log_organization ON audit_log (organization_id, id);
  CREATE INDEX audit_log_project ON audit_log (project_id, id);
`;

interface LegacyToken {
  id: string;
  name: string;
  role: string;
}

/** A short random id, like the agent's own (the migration does not import code that may change). */
function migrationId(): string {
  return randomBytes(9)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x')
    .slice(0, 12);
}

/** An email for a user made from a token name: the local part keeps letters, digits, dots and hyphens. */
function emailForTokenName(name: string): string {
  const local =
    name
      .toLowerCase()
      .replace(/[^a-z0-9.-]+/g, '-')
      .replace(/^[.-]+|[.-]+$/g, '') || 'token';
  return `${local.slice(0, 60)}@tokens.local`;
}

function firstOrganization(db: Database.Database, now: string): string {
  const row = db.prepare('SELECT id FROM organizations ORDER BY created_at, id LIMIT 1').get() as
    { id: string } | undefined;
  if (row) return row.id;
  const id = migrationId();
  db.prepare('INSERT INTO organizations (id, name, created_at) VALUES (?, ?, ?)').run(id, hostname(), now);
  return id;
}

/**
 * Each existing token gets a user (one per token name) who joins the first organization with the token's
 * role. Before this migration a role applied to every project, so non-admin users keep it on each
 * existing project through a collaborator grant: nobody loses access they had.
 */
function migrateTokens(db: Database.Database, now: string): void {
  const tokens = db
    .prepare('SELECT id, name, role FROM tokens ORDER BY created_at, id')
    .all() as LegacyToken[];
  if (tokens.length > 0) {
    const organizationId = firstOrganization(db, now);
    const projects = db.prepare('SELECT id FROM projects WHERE organization_id = ?').all(organizationId) as {
      id: string;
    }[];
    const userOf = new Map<string, string>();
    for (const token of tokens) {
      const email = emailForTokenName(token.name);
      let userId = userOf.get(email);
      if (!userId) {
        userId = migrationId();
        userOf.set(email, userId);
        db.prepare('INSERT INTO users (id, email, display_name, created_at) VALUES (?, ?, ?, ?)').run(
          userId,
          email,
          token.name,
          now,
        );
      }
      // The latest token of a name decides the role, as it is the one most likely still in use.
      db.prepare(
        `INSERT INTO memberships (organization_id, user_id, role, joined_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (organization_id, user_id) DO UPDATE SET role = excluded.role`,
      ).run(organizationId, userId, token.role, now);
      db.prepare(
        `INSERT INTO tokens_v3 (id, user_id, name, secret_hash, created_at, last_used_at, revoked_at)
        SELECT id, ?, name, secret_hash, created_at, last_used_at, revoked_at FROM tokens WHERE id = ?`,
      ).run(userId, token.id);
      if (token.role === 'owner' || token.role === 'admin') continue;
      for (const project of projects) {
        db.prepare(
          `INSERT OR REPLACE INTO project_collaborators (id, project_id, user_id, role, created_at)
           VALUES (?, ?, ?, ?, ?)`,
        ).run(migrationId(), project.id, userId, token.role, now);
      }
    }
  }
  db.exec(`
    DROP TABLE tokens;
    ALTER TABLE tokens_v3 RENAME TO tokens;
    CREATE UNIQUE INDEX tokens_active_name ON tokens (name) WHERE revoked_at IS NULL;
    CREATE INDEX tokens_user ON tokens (user_id);
  `);
}

/** Users, memberships, invitations, teams, project collaborators, plans; audit entries gain their scope. */
export const access: Migration = {
  version: 3,
  name: 'access',
  up: (db) => {
    const now = new Date().toISOString();
    db.exec(SCHEMA);
    const insertPlan = db.prepare(
      'INSERT INTO plans (tier, limits, monthly_price, currency, updated_at) VALUES (?, ?, ?, ?, ?)',
    );
    for (const plan of DEFAULT_PLANS)
      insertPlan.run(plan.tier, JSON.stringify(plan.limits), plan.price, 'USD', now);
    migrateTokens(db, now);
  },
};
