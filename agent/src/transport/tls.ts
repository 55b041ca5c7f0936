import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface AgentCertificate {
  cert: string;
  key: string;
  /** SHA-256 of the DER certificate as colon-separated hex, the form clients pin and people compare. */
  fingerprint: string;
}

function tlsDir(dataDir: string): string {
  return join(dataDir, 'tls');
}

/** The fingerprint clients pin: SHA-256 over the DER encoding, as `AB:CD:...`. */
export function fingerprintOf(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256;
}

/**
 * Loads the agent's certificate, generating a self-signed one at first start. The key is written with
 * mode 0600 before any content lands in it, so it is never readable by others even for a moment.
 */
export async function ensureCertificate(
  dataDir: string,
  extraNames: readonly string[],
): Promise<AgentCertificate> {
  const dir = tlsDir(dataDir);
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  if (existsSync(certFile) && existsSync(keyFile)) {
    const cert = readFileSync(certFile, 'utf8');
    return { cert, key: readFileSync(keyFile, 'utf8'), fingerprint: fingerprintOf(cert) };
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const names = [...new Set(['localhost', '127.0.0.1', '::1', hostname(), ...extraNames])];
  const altNames = names.map((name) =>
    isIP(name) ? { type: 7 as const, ip: name } : { type: 2 as const, value: name },
  );
  const generated = await generate([{ name: 'commonName', value: `paas-agent ${hostname()}` }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 10 * 365 * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  writeFileSync(keyFile, generated.private, { mode: 0o600, flag: 'wx' });
  writeFileSync(certFile, generated.cert, { mode: 0o644, flag: 'wx' });
  return { cert: generated.cert, key: generated.private, fingerprint: fingerprintOf(generated.cert) };
}
