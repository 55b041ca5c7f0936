import { BackupDidProgress, CreateBackup, GetBackup, type BackupOperation } from '@paas/protocol';
import * as vscode from 'vscode';
import type { AgentConnection } from '../../client/agentConnection';
import type { Command } from '../command';
import { chooseApp, type AppTarget } from './chooseApp';

/** Notifications drive progress; for backups a slow poll of the catalog row covers those lost while reconnecting. */
const POLL_MS = 3000;

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Resolves with the operation once it ended, reporting its steps meanwhile. */
function followBackup(
  connection: AgentConnection,
  first: BackupOperation,
  seen: Map<string, BackupOperation>,
  report: (message: string) => void,
): Promise<BackupOperation> {
  return new Promise((resolve) => {
    let current = seen.get(first.id) ?? first;
    const update = (operation: BackupOperation): void => {
      if (operation.id !== first.id) return;
      current = operation;
      report(`${operation.step} · ${megabytes(operation.bytes)}`);
      if (operation.state === 'running') return;
      clearInterval(poll);
      subscription.dispose();
      resolve(operation);
    };
    const subscription = connection.onNotification(BackupDidProgress, ({ operation }) => update(operation));
    const poll = setInterval(() => {
      // Only a backup's own catalog row tells how it went; a restore reads a finished backup.
      if (!current.backupId || current.kind !== 'backup') return;
      connection.request(GetBackup, { backupId: current.backupId }).then(
        ({ backup }) => {
          if (backup.status === 'running') return;
          update({
            ...current,
            state: backup.status === 'succeeded' ? 'succeeded' : 'failed',
            error: backup.error,
          });
        },
        () => undefined,
      );
    }, POLL_MS);
    update(current);
  });
}

/**
 * Shows a backup operation (backup or restore) in a progress notification until it ends, then says how it
 * went. `seen` holds notifications received before the operation's id was known.
 */
export function followBackupOperation(
  connection: AgentConnection,
  operation: BackupOperation,
  title: string,
  seen: Map<string, BackupOperation> = new Map(),
): Promise<BackupOperation> {
  const done = vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `PaaS.sh: ${title}` },
    (progress) => followBackup(connection, operation, seen, (message) => progress.report({ message })),
  );
  return Promise.resolve(done).then((ended) => {
    if (ended.state === 'succeeded') void vscode.window.showInformationMessage(`PaaS.sh: ${title}: done.`);
    else
      void vscode.window.showErrorMessage(`PaaS.sh: ${title} failed: ${ended.error?.message ?? ended.step}`);
    return ended;
  });
}

/**
 * Takes a manual backup of an app: resolves once the agent accepted it (a refusal rejects here), with
 * `done`, the operation followed to its end in a progress notification.
 */
export async function startAppBackup(target: AppTarget): Promise<{ done: Promise<BackupOperation> }> {
  // Listening before asking: the operation may progress before its answer is read.
  const seen = new Map<string, BackupOperation>();
  const early = target.connection.onNotification(BackupDidProgress, ({ operation }) =>
    seen.set(operation.id, operation),
  );
  let operation: BackupOperation;
  try {
    operation = (await target.connection.request(CreateBackup, { appId: target.app.id })).operation;
  } finally {
    early.dispose();
  }
  return {
    done: followBackupOperation(target.connection, operation, `backing up ${target.app.name}`, seen),
  };
}

/** The app card's Backup: a manual backup of the app's database and filestore. */
export const backupApp: Command = {
  id: 'paas.app.backup',
  async run(context, target?: unknown): Promise<BackupOperation> {
    const chosen = await chooseApp(context, target, 'app.backup');
    return (await startAppBackup(chosen)).done;
  },
};
