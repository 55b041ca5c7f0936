import type { Role } from '@paas/protocol';
import type { Db } from './database';

/** What is stored: the state as last written; `pending` past `expiresAt` reads as expired. */
export type StoredInvitationState = 'pending' | 'accepted' | 'revoked' | 'expired';

export interface InvitationRecord {
  id: string;
  organizationId: string;
  email: string;
  role: Role;
  codeHash: Buffer;
  state: StoredInvitationState;
  invitedBy: string | null;
  acceptedBy: string | null;
  createdAt: string;
  expiresAt: string;
  decidedAt: string | null;
}

interface InvitationRow {
  id: string;
  organization_id: string;
  email: string;
  role: Role;
  code_hash: Buffer;
  state: StoredInvitationState;
  invited_by: string | null;
  accepted_by: string | null;
  created_at: string;
  expires_at: string;
  decided_at: string | null;
}

const toRecord = (row: InvitationRow): InvitationRecord => ({
  id: row.id,
  organizationId: row.organization_id,
  email: row.email,
  role: row.role,
  codeHash: row.code_hash,
  state: row.state,
  invitedBy: row.invited_by,
  acceptedBy: row.accepted_by,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  decidedAt: row.decided_at,
});

export function insertInvitation(db: Db, invitation: InvitationRecord): void {
  db.prepare(
    `INSERT INTO invitations (id, organization_id, email, role, code_hash, state, invited_by, accepted_by,
       created_at, expires_at, decided_at)
     VALUES (@id, @organizationId, @email, @role, @codeHash, @state, @invitedBy, @acceptedBy,
       @createdAt, @expiresAt, @decidedAt)`,
  ).run(invitation);
}

export function findInvitation(db: Db, id: string): InvitationRecord | undefined {
  const row = db.prepare('SELECT * FROM invitations WHERE id = ?').get(id) as InvitationRow | undefined;
  return row && toRecord(row);
}

export function findInvitationByCodeHash(db: Db, codeHash: Buffer): InvitationRecord | undefined {
  const row = db.prepare('SELECT * FROM invitations WHERE code_hash = ?').get(codeHash) as
    InvitationRow | undefined;
  return row && toRecord(row);
}

/** The invitation stored as pending for an email (it may have expired since). */
export function findPendingInvitation(
  db: Db,
  organizationId: string,
  email: string,
): InvitationRecord | undefined {
  const row = db
    .prepare("SELECT * FROM invitations WHERE organization_id = ? AND email = ? AND state = 'pending'")
    .get(organizationId, email) as InvitationRow | undefined;
  return row && toRecord(row);
}

export function listInvitations(db: Db, organizationId: string): InvitationRecord[] {
  return (
    db
      .prepare('SELECT * FROM invitations WHERE organization_id = ? ORDER BY created_at DESC, id')
      .all(organizationId) as InvitationRow[]
  ).map(toRecord);
}

/** Moves a pending invitation to a final state; returns whether it was still pending. */
export function decideInvitation(
  db: Db,
  id: string,
  decision: { state: Exclude<StoredInvitationState, 'pending'>; acceptedBy?: string; at: string },
): boolean {
  return (
    db
      .prepare(
        "UPDATE invitations SET state = ?, accepted_by = ?, decided_at = ? WHERE id = ? AND state = 'pending'",
      )
      .run(decision.state, decision.acceptedBy ?? null, decision.at, id).changes === 1
  );
}
