import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { PeerCertificate } from 'node:tls';
import {
  Initialize,
  Peer,
  PROTOCOL_VERSION,
  type ParamsInputOf,
  type RequestType,
  type ResultOf,
} from '@paas/protocol';
import WebSocket from 'ws';

/** A session with the local agent, for the demo setup. */
export interface AgentClient {
  request<T extends RequestType>(type: T, params: ParamsInputOf<T>): Promise<ResultOf<T>>;
  close(): void;
}

/** Where to find the agent and how to trust it: its own certificate file is the only trust anchor. */
export interface AgentAddress {
  url: string;
  /** The agent's certificate (`<data dir>/tls/cert.pem`), read on the same machine. */
  certificateFile: string;
  /** A file holding the token, so it never appears on a command line. */
  tokenFile: string;
}

/** TLS that accepts exactly this certificate, whatever name the agent is reached by (it is often an IP). */
function pinnedTls(pem: string): {
  ca: string;
  rejectUnauthorized: true;
  checkServerIdentity: (host: string, certificate: PeerCertificate) => Error | undefined;
} {
  const fingerprint = new X509Certificate(pem).fingerprint256;
  return {
    ca: pem,
    rejectUnauthorized: true,
    checkServerIdentity: (_host: string, certificate: PeerCertificate) =>
      certificate.fingerprint256 === fingerprint
        ? undefined
        : new Error('the agent presents another certificate than its data directory holds'),
  };
}

/** Connects with the token (sent only after the pinned TLS handshake succeeded) and initializes. */
export async function openAgent(address: AgentAddress): Promise<AgentClient> {
  const token = readFileSync(address.tokenFile, 'utf8').trim();
  const socket = new WebSocket(address.url, {
    ...pinnedTls(readFileSync(address.certificateFile, 'utf8')),
    headers: { Authorization: `Bearer ${token}` },
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
    socket.once('unexpected-response', (_request, response) =>
      reject(new Error(`the agent refused the connection (HTTP ${response.statusCode})`)),
    );
  });
  const peer = new Peer((text) => socket.send(text));
  socket.on('message', (data: Buffer) => peer.receive(data.toString('utf8')));
  socket.once('close', () => peer.close());
  await peer.request(Initialize, {
    protocolVersion: PROTOCOL_VERSION,
    client: { name: 'paas-demo', version: '0' },
  });
  return {
    request: (type, params) => peer.request(type, params),
    close: () => socket.close(1000),
  };
}
