import type * as vscode from 'vscode';
import { formatBytes, formatPercent } from '../../views/format';

/** Reports at most this often: a fast transfer would otherwise flood the notification with updates. */
const REPORT_EVERY_MS = 250;

/**
 * Turns byte counts into a progress notification's reports: bytes and percent when the total is known
 * (the bar advances), bytes alone otherwise (the bar stays indeterminate).
 */
export function byteProgress(
  progress: vscode.Progress<{ message?: string; increment?: number }>,
  totalBytes: number | undefined,
): (bytes: number) => void {
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
