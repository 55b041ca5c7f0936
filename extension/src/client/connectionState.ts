import type { ConnectionError } from './errors';
import type { Session } from './session';

/**
 * Where a connection stands:
 * - `idle`: not started yet (the extension connects lazily, when a view or command needs it);
 * - `connecting`: opening the socket or running the handshake;
 * - `connected`: the handshake succeeded;
 * - `waiting`: dropped or unreachable, retrying at `retryAt` (epoch ms) with backoff;
 * - `failed`: needs the user (token refused, certificate changed, incompatible agent): no retries.
 */
export type ConnectionState =
  | { kind: 'idle' }
  | { kind: 'connecting'; attempt: number }
  | { kind: 'connected'; session: Session }
  | { kind: 'waiting'; attempt: number; retryAt: number; error: ConnectionError }
  | { kind: 'failed'; error: ConnectionError };

/** Whether the server waits for the user to sign in (its token is missing here), rather than for the network. */
export function needsSignIn(state: ConnectionState): boolean {
  return state.kind === 'failed' && state.error.code === 'PAAS_SIGNED_OUT';
}

/** A short label for status bars and tree descriptions. */
export function describeState(state: ConnectionState, now = Date.now()): string {
  switch (state.kind) {
    case 'idle':
      return 'not connected';
    case 'connecting':
      return state.attempt === 0 ? 'connecting…' : 'reconnecting…';
    case 'connected':
      return 'connected';
    case 'waiting':
      return `offline, retrying in ${Math.max(1, Math.ceil((state.retryAt - now) / 1000))} s`;
    case 'failed':
      return state.error.code === 'PAAS_CERT_CHANGED' ? 'certificate changed!' : state.error.message;
  }
}
