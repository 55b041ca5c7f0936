import WebSocket from 'ws';
import { ConnectionError, ConnectionErrorCode } from './errors';
import { pinnedTlsOptions, type CertificatePin } from './tlsPin';

const HANDSHAKE_TIMEOUT_MS = 10_000;
/** Log pages and job histories can be large; the agent caps its own frames lower. */
const MAX_PAYLOAD_BYTES = 64 * 1024 * 1024;

function refusedUpgrade(status: number | undefined, retryAfter: string | undefined): ConnectionError {
  if (status === 401)
    return new ConnectionError(
      ConnectionErrorCode.Unauthorized,
      'the agent refused the token (revoked or wrong)',
    );
  if (status === 429) {
    const seconds = Number(retryAfter);
    return new ConnectionError(ConnectionErrorCode.RateLimited, 'too many failed attempts; the agent waits', {
      data: { retryAfterSeconds: Number.isFinite(seconds) ? seconds : undefined },
    });
  }
  return new ConnectionError(ConnectionErrorCode.Unreachable, `the agent answered HTTP ${status ?? '?'}`);
}

/**
 * Opens the WebSocket to an agent. For `wss://` the pinned certificate is the only one accepted, checked
 * during the TLS handshake, before the upgrade request (and so the token) is sent. Rejects with a
 * {@link ConnectionError} for refused upgrades, or with the socket's own error (inspect it with
 * `isCertificateError`).
 */
export function openSocket(url: URL, token: string, pin: CertificatePin | undefined): Promise<WebSocket> {
  if (url.protocol === 'wss:' && !pin)
    return Promise.reject(
      new ConnectionError(
        ConnectionErrorCode.CertificateNotTrusted,
        'no trusted certificate for this server',
      ),
    );
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, {
      headers: { Authorization: `Bearer ${token}` },
      handshakeTimeout: HANDSHAKE_TIMEOUT_MS,
      perMessageDeflate: false,
      maxPayload: MAX_PAYLOAD_BYTES,
      followRedirects: false,
      ...(url.protocol === 'wss:' && pin ? pinnedTlsOptions(pin) : {}),
    });
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      outcome();
    };
    socket.once('open', () => settle(() => resolve(socket)));
    socket.once('unexpected-response', (_request, response) => {
      response.resume();
      const retryAfter = response.headers['retry-after'];
      settle(() =>
        reject(refusedUpgrade(response.statusCode, Array.isArray(retryAfter) ? retryAfter[0] : retryAfter)),
      );
      socket.terminate();
    });
    // Stays attached for the socket's life: ws emits 'error' before 'close', and an unheard one would throw.
    socket.on('error', (error) => settle(() => reject(error)));
  });
}
