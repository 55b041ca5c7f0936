/** Stable codes of the connection errors the extension shows and tests check. */
export const ConnectionErrorCode = {
  /** The URL is not a ws:// or wss:// agent address, or ws:// points at a non-loopback host. */
  BadUrl: 'PAAS_BAD_URL',
  /** Nothing answered at the address, or the TLS handshake failed for another reason. */
  Unreachable: 'PAAS_UNREACHABLE',
  /** The server presented a certificate other than the pinned one. */
  CertificateChanged: 'PAAS_CERT_CHANGED',
  /** The user did not trust the certificate, or the expected fingerprint did not match. */
  CertificateNotTrusted: 'PAAS_CERT_NOT_TRUSTED',
  /**
   * No token is stored for a listed server here (code-server keeps secrets per browser): the user signs in
   * with the token only.
   */
  SignedOut: 'PAAS_SIGNED_OUT',
  /** The agent refused the token (HTTP 401). */
  Unauthorized: 'PAAS_UNAUTHORIZED',
  /** The agent refuses this source for a while after too many failed attempts (HTTP 429). */
  RateLimited: 'PAAS_RATE_LIMITED',
  /** The agent speaks another major protocol version. */
  Incompatible: 'PAAS_INCOMPATIBLE',
  /** A request was made while the connection was not open. */
  NotConnected: 'PAAS_NOT_CONNECTED',
} as const;
export type ConnectionErrorCode = (typeof ConnectionErrorCode)[keyof typeof ConnectionErrorCode];

/** A connection failure with a stable code; the library error, if any, is the `cause`. */
export class ConnectionError extends Error {
  override readonly name = 'ConnectionError';

  constructor(
    readonly code: ConnectionErrorCode,
    message: string,
    options?: { cause?: unknown; data?: Record<string, unknown> },
  ) {
    super(message, options);
    this.data = options?.data ?? {};
  }

  /** Details for the UI, e.g. both fingerprints of a changed certificate. */
  readonly data: Record<string, unknown>;
}
