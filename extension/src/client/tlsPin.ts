import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { connect, type PeerCertificate } from 'node:tls';
import { ConnectionError, ConnectionErrorCode } from './errors';

/** A pinned certificate: what the user trusted, like an SSH known_hosts entry. */
export interface CertificatePin {
  /** SHA-256 of the DER certificate, `AB:CD:…`, as `paas-agent fingerprint` prints it. */
  fingerprint: string;
  /** The certificate itself, used as the only trust anchor for this server. */
  pem: string;
}

const PROBE_TIMEOUT_MS = 10_000;

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}

/**
 * Reads the certificate a `wss://` server presents without trusting it and without sending anything:
 * the TLS handshake completes, the socket closes, no HTTP request (so no token) is ever written.
 */
export function probeCertificate(url: URL, timeoutMs = PROBE_TIMEOUT_MS): Promise<CertificatePin> {
  const host = hostOf(url);
  return new Promise((resolve, reject) => {
    const socket = connect({
      host,
      port: Number(url.port),
      servername: isIP(host) ? undefined : host,
      rejectUnauthorized: false,
    });
    socket.setTimeout(timeoutMs, () =>
      socket.destroy(new Error(`no TLS handshake within ${timeoutMs / 1000} s`)),
    );
    socket.once('secureConnect', () => {
      const raw = socket.getPeerCertificate().raw as Buffer | undefined;
      socket.end();
      if (!raw) {
        reject(new ConnectionError(ConnectionErrorCode.Unreachable, `${url.host} presented no certificate`));
        return;
      }
      const certificate = new X509Certificate(raw);
      resolve({ fingerprint: certificate.fingerprint256, pem: certificate.toString() });
    });
    socket.once('error', (error) =>
      reject(
        new ConnectionError(ConnectionErrorCode.Unreachable, `cannot reach ${url.host}: ${error.message}`, {
          cause: error,
        }),
      ),
    );
  });
}

/** The error `checkServerIdentity` returns for another certificate; recognised by its code. */
export const PIN_MISMATCH = 'PAAS_PIN_MISMATCH';

/**
 * TLS options that accept exactly the pinned certificate: it is the only CA, and the identity check
 * compares fingerprints instead of host names (self-signed agents are often reached by IP).
 */
export function pinnedTlsOptions(pin: CertificatePin): {
  ca: string;
  rejectUnauthorized: true;
  checkServerIdentity: (host: string, certificate: PeerCertificate) => Error | undefined;
} {
  return {
    ca: pin.pem,
    rejectUnauthorized: true,
    checkServerIdentity: (_host, certificate) =>
      certificate.fingerprint256 === pin.fingerprint
        ? undefined
        : Object.assign(new Error('the certificate does not match the pinned one'), { code: PIN_MISMATCH }),
  };
}

/** Whether a socket error comes from certificate verification (as opposed to the network). */
export function isCertificateError(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return (
    typeof code === 'string' &&
    (code === PIN_MISMATCH || /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/.test(code))
  );
}

/** Compares fingerprints the way people type them: case and separators do not matter. */
export function sameFingerprint(a: string, b: string): boolean {
  const canonical = (value: string): string => value.replace(/[^0-9a-f]/gi, '').toUpperCase();
  return canonical(a).length === 64 && canonical(a) === canonical(b);
}
