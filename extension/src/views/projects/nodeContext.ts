import type { Permissions } from '@paas/protocol';
import type { Session } from '../../client/session';

/** What tree items need to know beyond their model: which server they come from and what it allows. */
export interface NodeContext {
  serverName(serverKey: string): string;
  /** Several servers are configured: items name theirs. */
  readonly multipleServers: boolean;
  /** The caller's permissions in a project of a server. */
  permissions(serverKey: string, projectId: string): Permissions | undefined;
  /** The server's handshake while connected (its capabilities decide some menu entries). */
  session(serverKey: string): Session | undefined;
}

/** The configured server of a model key (`<server>/p:…`). */
export function serverKeyOf(key: string): string {
  return key.slice(0, key.indexOf('/'));
}
