import type { ConnectionState } from '../client/connectionState';

/** The codicon for a connection state (pure, so the status bar, trees and quick picks agree). */
export function stateIcon(state: ConnectionState): string {
  switch (state.kind) {
    case 'idle':
      return 'debug-disconnect';
    case 'connecting':
      return 'sync~spin';
    case 'connected':
      return 'vm-active';
    case 'waiting':
      return 'warning';
    case 'failed':
      return state.error.code === 'PAAS_CERT_CHANGED' ? 'shield' : 'error';
  }
}

/** The theme colour the icon is drawn in, as a `ThemeColor` id, or `undefined` for the default. */
export function stateColor(state: ConnectionState): string | undefined {
  switch (state.kind) {
    case 'connected':
      return 'testing.iconPassed';
    case 'waiting':
      return 'list.warningForeground';
    case 'failed':
      return 'list.errorForeground';
    default:
      return undefined;
  }
}
