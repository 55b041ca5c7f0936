import * as vscode from 'vscode';
import type { BackoffPolicy } from './client/backoff';

/** The `paas.*` settings, read fresh each time so changes apply without a reload. */
export interface Settings {
  refreshIntervalSeconds: number;
  metricsIntervalSeconds: number;
  confirmDestructiveActions: boolean;
  showDisabledApps: boolean;
  reconnectMaxDelaySeconds: number;
}

export function settings(): Settings {
  const config = vscode.workspace.getConfiguration('paas');
  return {
    refreshIntervalSeconds: config.get<number>('refreshIntervalSeconds', 30),
    metricsIntervalSeconds: config.get<number>('metricsIntervalSeconds', 5),
    confirmDestructiveActions: config.get<boolean>('confirmDestructiveActions', true),
    showDisabledApps: config.get<boolean>('showDisabledApps', false),
    reconnectMaxDelaySeconds: config.get<number>('reconnectMaxDelaySeconds', 60),
  };
}

/** Reconnection starts after one second and doubles up to the configured ceiling. */
export function backoffPolicy(): BackoffPolicy {
  return { baseMs: 1000, maxMs: Math.max(1, settings().reconnectMaxDelaySeconds) * 1000 };
}
