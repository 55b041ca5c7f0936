import type { IncomingMessage, ServerResponse } from 'node:http';

/** Seconds a client is told to wait before it asks again while an update holds the app's traffic. */
export const MAINTENANCE_RETRY_AFTER_S = 10;

/**
 * Odoo's JSON-RPC routes (`/web/dataset/call_kw`, `/jsonrpc`, `/web/webclient/*` and every `type='json'`
 * route, see `odoo/http.py` `JsonRPCDispatcher`) are called with a JSON body: they get a JSON-RPC error
 * the web client can show instead of an HTML page it cannot parse.
 */
function wantsJson(request: IncomingMessage): boolean {
  const type = request.headers['content-type'] ?? '';
  const path = request.url ?? '';
  return type.includes('application/json') || path.startsWith('/web/dataset') || path.startsWith('/jsonrpc');
}

const PAGE = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><meta http-equiv="refresh" content="${MAINTENANCE_RETRY_AFTER_S}">
<title>Update in progress</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 4em auto">
<h1>An update is running</h1>
<p>This database is being updated. Nothing you saved is lost; this page reloads by itself in a few seconds.</p>
</body></html>
`;

/**
 * The answer while an update holds the app's traffic: 503 with `Retry-After`, so browsers, clients and
 * monitors know to come back, rather than a 502 or Odoo's database selector.
 */
export function answerMaintenance(request: IncomingMessage, response: ServerResponse): void {
  const headers = { 'Retry-After': String(MAINTENANCE_RETRY_AFTER_S), 'Cache-Control': 'no-store' };
  if (wantsJson(request)) {
    const body = {
      jsonrpc: '2.0',
      id: null,
      error: {
        code: 503,
        message: 'An update is running; try again in a few seconds.',
        data: { name: 'paas.maintenance', retryAfter: MAINTENANCE_RETRY_AFTER_S },
      },
    };
    response.writeHead(503, { ...headers, 'Content-Type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify(body));
    return;
  }
  response.writeHead(503, { ...headers, 'Content-Type': 'text/html; charset=utf-8' }).end(PAGE);
}
