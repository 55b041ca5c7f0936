import { ErrorCode, RpcError } from '@paas/protocol';
import { notFound } from '../../errors';
import type { AppDirectory, BackupTarget } from './appDirectory';

/**
 * The app directory of an agent that runs no apps yet: every app lookup is NotFound and there is no
 * database server to verify on. main.ts swaps in the deploy code's registry once apps exist.
 */
export class NoAppDirectory implements AppDirectory {
  target(appId: string): BackupTarget {
    throw notFound('app', appId);
  }

  appsOf(): BackupTarget[] {
    return [];
  }

  defaultServer(): never {
    throw new RpcError(ErrorCode.Unavailable, 'no database server is registered on this agent');
  }

  whileStopped(appId: string): Promise<never> {
    return Promise.reject(notFound('app', appId));
  }

  setNeutralized(appId: string): void {
    throw notFound('app', appId);
  }
}
