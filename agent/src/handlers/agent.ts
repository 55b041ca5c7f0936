import { ListServers, Ping } from '@paas/protocol';
import type { Db } from '../store/database';
import { listServers } from '../store/servers';
import { nowIso } from '../ids';
import { anyCaller } from './authorize';
import { defineHandler } from './handler';

export const pingHandler = defineHandler({
  type: Ping,
  authorize: anyCaller,
  handle: (params) => ({ payload: params.payload, time: nowIso() }),
});

export function listServersHandler(db: Db) {
  return defineHandler({
    type: ListServers,
    authorize: anyCaller,
    handle: () => ({ servers: listServers(db) }),
  });
}
