import {
  ErrorCode,
  Initialize,
  NOTIFICATIONS,
  PROTOCOL_VERSION,
  REQUESTS,
  RpcError,
  isCompatibleVersion,
  permissionsOf,
} from '@paas/protocol';
import type { OrganizationService } from '../services/organizations';
import type { Db } from '../store/database';
import { findUser, publicUser } from '../store/users';
import { AGENT_VERSION } from '../version';
import { anyCaller } from './authorize';
import { defineHandler } from './handler';

/**
 * The handshake: refuses an incompatible client before anything else can happen on the connection.
 * `runnersEnabled` is reported so clients offer the Runners screen only where playbooks may run.
 */
export function initializeHandler(
  serverId: string,
  db: Db,
  organizations: OrganizationService,
  runnersEnabled: boolean,
) {
  return defineHandler({
    type: Initialize,
    authorize: anyCaller,
    handle(params, { connection, caller, log, access }) {
      if (connection.initialized)
        throw new RpcError(ErrorCode.InvalidRequest, 'the connection is already initialized');
      if (!isCompatibleVersion(PROTOCOL_VERSION, params.protocolVersion)) {
        throw new RpcError(
          ErrorCode.IncompatibleVersion,
          `protocol version ${params.protocolVersion} of ${params.client.name} is incompatible with the agent's ${PROTOCOL_VERSION}`,
          { agentProtocolVersion: PROTOCOL_VERSION, clientProtocolVersion: params.protocolVersion },
        );
      }
      const user = findUser(db, caller.userId);
      if (!user) throw new RpcError(ErrorCode.Unauthorized, 'the token\u2019s user no longer exists');
      connection.initialized = true;
      log.info({ client: params.client }, 'client initialized');
      const memberships = organizations.organizationsOf(caller.userId);
      const first = memberships[0];
      return {
        protocolVersion: PROTOCOL_VERSION,
        agent: { version: AGENT_VERSION, serverId },
        capabilities: {
          methods: REQUESTS.map((r) => r.method),
          notifications: NOTIFICATIONS.map((n) => n.method),
          transfers: ['backupDownload' as const, 'upload' as const],
          runners: runnersEnabled,
        },
        caller: {
          tokenName: caller.tokenName,
          user: publicUser(user),
          organizations: memberships,
          permissions: first ? permissionsOf(first.role) : undefined,
          agentAdministrator: access.isAgentAdmin(caller),
        },
      };
    },
  });
}
