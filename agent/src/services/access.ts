import type { Role } from '@paas/protocol';
import type { Caller } from '../caller';

/** Where an action happens: a project (and so its collaborators) or the organization as a whole. */
export interface AccessScope {
  readonly projectId?: string;
}

/**
 * Answers "which role does this caller hold here?". Every authorization decision goes through it, so
 * the rules live in one place in the agent whatever a client shows or hides.
 */
export interface AccessResolver {
  /** The caller's effective role in the scope, or `undefined` when it has no access there at all. */
  roleIn(caller: Caller, scope: AccessScope): Role | undefined;
}

/** Resolves every scope to the role written on the caller's token. */
export class TokenRoleAccess implements AccessResolver {
  roleIn(caller: Caller): Role {
    return caller.role;
  }
}
