import type { ServerResponse } from 'node:http';
import type { Caller } from '../caller';
import type { Logger } from '../log';
import type { AuthOutcome, Authenticator } from './auth';
import type { HttpRoute } from './server';

/** Answers a refused authentication as the WebSocket upgrade does: 401 with a challenge, or 429. */
export function answerAuthFailure(
  response: ServerResponse,
  outcome: Extract<AuthOutcome, { ok: false }>,
  contentType = 'text/plain',
  body: string = outcome.reason,
): void {
  const headers =
    outcome.status === 401
      ? { 'WWW-Authenticate': 'Bearer realm="paas-agent"' }
      : { 'Retry-After': String(outcome.retryAfterSeconds ?? 60) };
  response.writeHead(outcome.status, { 'Content-Type': contentType, ...headers }).end(body);
}

/**
 * A GET route that, like the WebSocket upgrade, needs `Authorization: Bearer <token>`, of a caller
 * `allowed` accepts (403 otherwise): the Prometheus endpoint shares the agent's port, so it is no more
 * open than the agent itself.
 */
export function bearerRoute(
  authenticator: Authenticator,
  log: Logger,
  serve: () => Promise<{ contentType: string; body: string }>,
  allowed: (caller: Caller) => boolean,
): HttpRoute {
  return (request, response) => {
    const answer = async (): Promise<void> => {
      const outcome = await authenticator.authenticate(request);
      if (!outcome.ok) return answerAuthFailure(response, outcome);
      if (!allowed(outcome.caller)) {
        response.writeHead(403, { 'Content-Type': 'text/plain' }).end('needs an agent administrator');
        return;
      }
      const { contentType, body } = await serve();
      response.writeHead(200, { 'Content-Type': contentType }).end(body);
    };
    answer().catch((error: unknown) => {
      log.warn({ err: error, path: request.url }, 'route failed');
      if (!response.headersSent) response.writeHead(503, { 'Content-Type': 'text/plain' });
      response.end('unavailable');
    });
  };
}
