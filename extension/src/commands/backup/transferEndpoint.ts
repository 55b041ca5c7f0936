import type { TransferRoute } from '../../client/session';
import type { TransferEndpoint } from '../../client/transfers';
import type { CommandContext } from '../command';

/** Why a transfer cannot start, shown on the disabled button or as the command's error. */
export const MISSING_ROUTE: Record<TransferRoute, string> = {
  backupDownload:
    'Download needs an agent that serves backup archives (GET /backups/<id>/download); this one does not.',
  upload: 'Import needs an agent that accepts uploads (PUT /uploads); this one does not.',
};

/**
 * The transfer routes of a connected server, with the same address, pinned certificate and token as its
 * WebSocket; fails when the agent does not serve `route`.
 */
export async function transferEndpoint(
  context: CommandContext,
  serverId: string,
  route: TransferRoute,
): Promise<TransferEndpoint> {
  const session = await context.connections.whenConnected(serverId);
  if (!session.transfers.has(route)) throw new Error(MISSING_ROUTE[route]);
  const entry = context.store.get(serverId);
  const token = await context.store.token(serverId);
  if (!entry || !token) throw new Error('this server has no stored address or token');
  return { url: entry.url, pin: entry.pin, token };
}
