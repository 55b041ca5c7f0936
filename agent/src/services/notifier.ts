import type { NotificationType, ParamsOf } from '@paas/protocol';
import type { ClientConnection } from '../transport/connection';
import type { AccessResolver } from './access';

/**
 * Pushes notifications to every initialized client allowed to see the project they are about, so
 * clients update their views live. A client without access to a project hears nothing about it.
 */
export class Notifier {
  private readonly connections = new Set<ClientConnection>();

  constructor(private readonly access: AccessResolver) {}

  /** Starts sending to a connection; it is dropped when it closes. */
  attach(connection: ClientConnection): void {
    this.connections.add(connection);
    connection.onClose(() => this.connections.delete(connection));
  }

  /** Sends to every initialized connection whose caller has any role in the project. */
  broadcast<T extends NotificationType>(projectId: string, type: T, params: ParamsOf<T>): void {
    for (const connection of this.connections) {
      if (!connection.initialized) continue;
      if (this.access.resolve(connection.caller, { projectId }).role === undefined) continue;
      connection.notify(type, params);
    }
  }
}
