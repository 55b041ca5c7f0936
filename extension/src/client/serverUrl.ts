import { ConnectionError, ConnectionErrorCode } from './errors';

/** The agent's default port (`paas-agent serve` without `--port`). */
export const DEFAULT_AGENT_PORT = 7443;

/** Hosts where clear-text `ws://` (and so plain HTTP transfers) may be used. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * Normalises what a user types as an agent address: `host`, `host:port`, `wss://host[:port]` or
 * `ws://127.0.0.1:port`. Plain `ws://` is accepted only for loopback, because the token would cross the
 * network in clear text otherwise.
 */
export function normalizeAgentUrl(input: string): URL {
  const trimmed = input.trim();
  if (trimmed === '') throw new ConnectionError(ConnectionErrorCode.BadUrl, 'enter the agent address');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `wss://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch (error) {
    throw new ConnectionError(ConnectionErrorCode.BadUrl, `"${trimmed}" is not a valid address`, {
      cause: error,
    });
  }
  if (url.protocol !== 'wss:' && url.protocol !== 'ws:')
    throw new ConnectionError(
      ConnectionErrorCode.BadUrl,
      'the address must start with wss:// (or ws:// on loopback)',
    );
  if (url.username || url.password)
    throw new ConnectionError(
      ConnectionErrorCode.BadUrl,
      'put the token in the token prompt, not in the address',
    );
  if (url.protocol === 'ws:' && !isLoopbackHost(url.hostname))
    throw new ConnectionError(
      ConnectionErrorCode.BadUrl,
      'ws:// is only allowed on this machine; use wss://',
    );
  if (url.port === '') url.port = String(DEFAULT_AGENT_PORT);
  url.pathname = '/';
  url.search = '';
  url.hash = '';
  return url;
}

/** The URL as stored and shown: `wss://host:port` without a trailing slash. */
export function agentUrlText(url: URL): string {
  return `${url.protocol}//${url.host}`;
}
