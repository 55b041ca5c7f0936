import type Database from 'better-sqlite3';
import { urlCredentials, withoutUrlCredentials } from '@paas/protocol';
import type { Migration } from './index';

/**
 * Agent administrators, token expiry, and no secret left in a repository URL.
 *
 * - `users.agent_admin`: agent-wide resources (database servers, storages, the reconcile report, server
 *   metrics) belong to agent administrators, not to organization roles. The owners of the first
 *   organization (the one `paas-agent init` made) become administrators: they ran the agent until now.
 * - `tokens.expires_at`: an optional expiry, enforced at connect and on live sessions.
 * - Registry URLs no longer carry credentials. A project URL's `user:password@` moves into the project's
 *   credentials when it has none (its fetches keep working, the secret leaves the readable URL); otherwise
 *   the stored credentials win and the URL's are dropped. Shared addons have no credentials field, so their
 *   URLs are stripped: a private one then needs a public mirror or SSH. Past audit entries lose the
 *   secret too (the only edit the append-only log ever gets, so its triggers are lifted for it).
 */
export const agentAdministrators: Migration = {
  version: 8,
  name: 'agentAdministrators',
  up: (db) => {
    db.exec(`
      ALTER TABLE users ADD COLUMN agent_admin INTEGER NOT NULL DEFAULT 0 CHECK (agent_admin IN (0, 1));
      UPDATE users SET agent_admin = 1 WHERE id IN (
        SELECT user_id FROM memberships WHERE role = 'owner' AND organization_id =
          (SELECT id FROM organizations ORDER BY created_at, id LIMIT 1));
      ALTER TABLE tokens ADD COLUMN expires_at TEXT;
    `);
    moveProjectUrlCredentials(db);
    stripSharedAddonUrls(db);
    redactAuditUrls(db);
  },
};

function moveProjectUrlCredentials(db: Database.Database): void {
  const projects = db.prepare('SELECT id, registry_url, registry_credentials_kind FROM projects').all() as {
    id: string;
    registry_url: string;
    registry_credentials_kind: string;
  }[];
  const setUrl = db.prepare(
    'UPDATE projects SET registry_url = ?, registry_credentials_kind = ? WHERE id = ?',
  );
  const saveSecret = db.prepare(
    `INSERT INTO project_secrets (project_id, registry_credentials) VALUES (?, ?)
     ON CONFLICT (project_id) DO UPDATE SET registry_credentials = excluded.registry_credentials`,
  );
  for (const project of projects) {
    const stripped = withoutUrlCredentials(project.registry_url);
    if (stripped === project.registry_url) continue;
    const found = urlCredentials(project.registry_url);
    if (project.registry_credentials_kind === 'none' && found) {
      const credentials = { kind: 'token', username: found.username || 'git', token: found.password };
      saveSecret.run(project.id, JSON.stringify(credentials));
      setUrl.run(stripped, 'token', project.id);
    } else setUrl.run(stripped, project.registry_credentials_kind, project.id);
  }
}

function stripSharedAddonUrls(db: Database.Database): void {
  const environments = db.prepare('SELECT id, shared_addons FROM environments').all() as {
    id: string;
    shared_addons: string;
  }[];
  const save = db.prepare('UPDATE environments SET shared_addons = ? WHERE id = ?');
  for (const environment of environments) {
    const addons = JSON.parse(environment.shared_addons) as { url: string }[];
    if (!addons.some((addon) => withoutUrlCredentials(addon.url) !== addon.url)) continue;
    const stripped = addons.map((addon) => ({ ...addon, url: withoutUrlCredentials(addon.url) }));
    save.run(JSON.stringify(stripped), environment.id);
  }
}

/** Any `scheme://user-info@` inside a stored audit entry's params. */
const URL_IN_TEXT = /[a-z][a-z0-9+.-]*:\/\/[^\s"@/?#]*@[^\s"]*/gi;

function redactAuditUrls(db: Database.Database): void {
  const entries = db.prepare("SELECT id, params FROM audit_log WHERE params LIKE '%://%@%'").all() as {
    id: number;
    params: string;
  }[];
  const redacted = entries
    .map((entry) => ({ ...entry, clean: entry.params.replace(URL_IN_TEXT, withoutUrlCredentials) }))
    .filter((entry) => entry.clean !== entry.params);
  if (redacted.length === 0) return;
  db.exec('DROP TRIGGER audit_log_no_update');
  const save = db.prepare('UPDATE audit_log SET params = ? WHERE id = ?');
  for (const entry of redacted) save.run(entry.clean, entry.id);
  db.exec(
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;",
  );
}
