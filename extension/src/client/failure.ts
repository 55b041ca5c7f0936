import { ConnectionError, ConnectionErrorCode } from './errors';
import type { ServerEntry } from './serverStore';
import { isCertificateError, probeCertificate } from './tlsPin';

/** What to do after a failed attempt: retry (not before `minDelayMs`) or stop and wait for the user. */
export interface Failure {
  error: ConnectionError;
  retry: boolean;
  minDelayMs?: number;
}

const NEEDS_USER = new Set<string>([
  ConnectionErrorCode.SignedOut,
  ConnectionErrorCode.Unauthorized,
  ConnectionErrorCode.CertificateNotTrusted,
  ConnectionErrorCode.CertificateChanged,
  ConnectionErrorCode.Incompatible,
  ConnectionErrorCode.BadUrl,
]);

/**
 * Turns whatever an attempt failed with into a {@link Failure}. A certificate error is looked into: when
 * the server now presents another certificate than the pinned one, that is reported as
 * `PAAS_CERT_CHANGED` with both fingerprints, as SSH does, and nothing is retried.
 */
export async function classifyFailure(error: unknown, entry: ServerEntry): Promise<Failure> {
  if (error instanceof ConnectionError) {
    if (error.code === ConnectionErrorCode.RateLimited) {
      const seconds = error.data.retryAfterSeconds;
      return { error, retry: true, minDelayMs: typeof seconds === 'number' ? seconds * 1000 : undefined };
    }
    return { error, retry: !NEEDS_USER.has(error.code) };
  }
  if (isCertificateError(error) && entry.pin) return certificateFailure(error, entry);
  const message = error instanceof Error ? error.message : String(error);
  return {
    error: new ConnectionError(ConnectionErrorCode.Unreachable, `cannot reach the agent: ${message}`, {
      cause: error,
    }),
    retry: true,
  };
}

async function certificateFailure(error: unknown, entry: ServerEntry): Promise<Failure> {
  const pinned = entry.pin?.fingerprint;
  try {
    const presented = await probeCertificate(new URL(entry.url));
    if (presented.fingerprint !== pinned)
      return {
        error: new ConnectionError(
          ConnectionErrorCode.CertificateChanged,
          `the certificate of ${entry.name} changed: it may be an attacker, or the agent was reinstalled`,
          { cause: error, data: { pinned, presented: presented.fingerprint } },
        ),
        retry: false,
      };
  } catch (probeError) {
    return {
      error: probeError instanceof ConnectionError ? probeError : toUnreachable(probeError),
      retry: true,
    };
  }
  // The pinned certificate itself was refused (expired, for instance): the user must look at it.
  return {
    error: new ConnectionError(
      ConnectionErrorCode.CertificateNotTrusted,
      `the pinned certificate of ${entry.name} is no longer valid: ${(error as Error).message}`,
      { cause: error },
    ),
    retry: false,
  };
}

function toUnreachable(error: unknown): ConnectionError {
  return new ConnectionError(ConnectionErrorCode.Unreachable, String(error), { cause: error });
}
