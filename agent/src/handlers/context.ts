import type { MessageId } from '@paas/protocol';
import type { Caller } from '../caller';
import type { Logger } from '../log';
import type { AccessResolver } from '../services/access';
import type { ClientConnection } from '../transport/connection';
import type { AuditScope, RequestContext } from './handler';

/**
 * The context of one dispatched request. Its logger is made on first use: a pino child costs a
 * serialisation of its bindings through the redaction paths, and most requests never log.
 */
export class DispatchedContext implements RequestContext {
  readonly caller: Caller;
  readonly audit: AuditScope = {};
  private scopedLog: Logger | undefined;

  constructor(
    readonly connection: ClientConnection,
    readonly access: AccessResolver,
    private readonly method: string,
    private readonly id: MessageId,
  ) {
    this.caller = connection.caller;
  }

  get log(): Logger {
    this.scopedLog ??= this.connection.log.child({ method: this.method, request: this.id });
    return this.scopedLog;
  }
}
