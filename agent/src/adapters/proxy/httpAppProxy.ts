import { Agent, createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import httpProxy from 'http-proxy';
import { AdapterError } from '../errors';
import { answerMaintenance, MAINTENANCE_RETRY_AFTER_S } from './maintenance';
import type { AppProxy } from './proxy';

/** Where one app's traffic goes now, and the connection pool to that revision. */
interface Route {
  server: Server;
  target: number | null;
  agents: Map<number, Agent>;
  /** Requests in flight per target port, for draining before an old revision is stopped. */
  inFlight: Map<number, number>;
  /** An update holds the traffic: every new request gets the maintenance answer. */
  held: boolean;
}

const DEFAULT_DRAIN_MS = 10_000;

function unavailable(response: ServerResponse, message: string): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response
    .writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '5' })
    .end(`${message}\n`);
}

/** The app proxy on node-http-proxy, one plain HTTP listener per app. */
export class HttpAppProxy implements AppProxy {
  private readonly routes = new Map<string, Route>();
  private readonly proxy = httpProxy.createProxyServer({ xfwd: true, proxyTimeout: 600_000 });

  constructor() {
    // A revision that dies mid-request: the client gets a 502, the agent keeps running.
    this.proxy.on('error', (_error, _request, response) => {
      if ('writeHead' in response) {
        if (!response.headersSent) response.writeHead(502, { 'Content-Type': 'text/plain' });
        response.end('bad gateway\n');
      } else {
        response.destroy();
      }
    });
  }

  async serve(appId: string, host: string, port: number, target: number | null): Promise<void> {
    const existing = this.routes.get(appId);
    if (existing) {
      existing.target = target;
      return;
    }
    const route: Route = {
      server: createServer(),
      target,
      agents: new Map(),
      inFlight: new Map(),
      held: false,
    };
    route.server.on('request', (request, response) => this.forward(route, request, response));
    route.server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) =>
      this.forwardUpgrade(route, request, socket, head),
    );
    await new Promise<void>((resolve, reject) => {
      route.server.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          error.code === 'EADDRINUSE'
            ? new AdapterError('PORT_IN_USE', `port ${port} on ${host} is already in use`, { cause: error })
            : new AdapterError('PORT_IN_USE', `cannot listen on ${host}:${port}: ${error.message}`, {
                cause: error,
              }),
        ),
      );
      route.server.listen({ host, port, exclusive: true }, () => resolve());
    });
    this.routes.set(appId, route);
  }

  async switchTarget(appId: string, target: number | null, drainMs = DEFAULT_DRAIN_MS): Promise<void> {
    const route = this.routes.get(appId);
    if (!route) return;
    const previous = route.target;
    route.target = target;
    if (previous === null || previous === target) return;
    await this.drain(route, previous, drainMs);
    route.agents.get(previous)?.destroy();
    route.agents.delete(previous);
  }

  async hold(appId: string, drainMs = DEFAULT_DRAIN_MS): Promise<number> {
    const route = this.routes.get(appId);
    if (!route) return 0;
    route.held = true;
    return route.target === null ? 0 : this.drain(route, route.target, drainMs);
  }

  release(appId: string): void {
    const route = this.routes.get(appId);
    if (route) route.held = false;
  }

  /** Waits until no request to `port` is in flight, or `drainMs` passed; resolves how many still are. */
  private async drain(route: Route, port: number, drainMs: number): Promise<number> {
    const deadline = Date.now() + drainMs;
    while ((route.inFlight.get(port) ?? 0) > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return route.inFlight.get(port) ?? 0;
  }

  targetOf(appId: string): number | null | undefined {
    return this.routes.get(appId)?.target;
  }

  async close(appId: string): Promise<void> {
    const route = this.routes.get(appId);
    if (!route) return;
    this.routes.delete(appId);
    const closed = new Promise<void>((resolve) => route.server.close(() => resolve()));
    route.server.closeAllConnections();
    for (const agent of route.agents.values()) agent.destroy();
    await closed;
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.routes.keys()].map((appId) => this.close(appId)));
  }

  private agentFor(route: Route, port: number): Agent {
    let agent = route.agents.get(port);
    if (!agent) {
      agent = new Agent({ keepAlive: true, maxSockets: 256 });
      route.agents.set(port, agent);
    }
    return agent;
  }

  private forward(route: Route, request: IncomingMessage, response: ServerResponse): void {
    if (route.held) return answerMaintenance(request, response);
    const target = route.target;
    if (target === null) return unavailable(response, 'the app is not running');
    route.inFlight.set(target, (route.inFlight.get(target) ?? 0) + 1);
    response.once('close', () => route.inFlight.set(target, (route.inFlight.get(target) ?? 1) - 1));
    this.proxy.web(request, response, {
      target: { host: '127.0.0.1', port: target },
      agent: this.agentFor(route, target),
    });
  }

  private forwardUpgrade(route: Route, request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const target = route.target;
    if (route.held || target === null) {
      const retry = route.held ? `Retry-After: ${MAINTENANCE_RETRY_AFTER_S}\r\n` : '';
      socket.end(`HTTP/1.1 503 Service Unavailable\r\n${retry}Connection: close\r\n\r\n`);
      return;
    }
    this.proxy.ws(request, socket, head, { target: { host: '127.0.0.1', port: target } });
  }
}
