import * as vscode from 'vscode';
import { TransferErrorCode, TransferFailure } from '../../client/transfers';
import { formatBytes, formatPercent } from '../../views/format';
import { Cancelled } from '../command';

type Progress = vscode.Progress<{ message?: string; increment?: number }>;

/** Reports at most this often: a fast transfer would otherwise flood the notification with updates. */
const REPORT_EVERY_MS = 250;

/**
 * Turns byte counts into a progress notification's reports: bytes and percent when the total is known
 * (the bar advances), bytes alone otherwise (the bar stays indeterminate).
 */
export function byteProgress(progress: Progress, totalBytes: number | undefined): (bytes: number) => void {
  let reportedPercent = 0;
  let last = 0;
  return (bytes) => {
    const now = Date.now();
    if (now - last < REPORT_EVERY_MS && bytes !== totalBytes) return;
    last = now;
    if (totalBytes === undefined || totalBytes === 0) {
      progress.report({ message: formatBytes(bytes) });
      return;
    }
    const percent = (100 * bytes) / totalBytes;
    progress.report({
      message: `${formatBytes(bytes)} of ${formatBytes(totalBytes)} (${formatPercent(percent)})`,
      increment: Math.max(0, percent - reportedPercent),
    });
    reportedPercent = Math.max(reportedPercent, percent);
  };
}

/**
 * Runs a transfer in a cancellable progress notification: cancelling aborts it through `signal`, and
 * the abort ends the command quietly (`Cancelled`) like a dismissed dialog.
 */
export async function withTransferProgress<T>(
  title: string,
  transfer: (progress: Progress, signal: AbortSignal) => Promise<T>,
): Promise<T> {
  try {
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      (progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        return transfer(progress, abort.signal);
      },
    );
  } catch (error) {
    if (error instanceof TransferFailure && error.code === TransferErrorCode.Aborted) throw new Cancelled();
    throw error;
  }
}
