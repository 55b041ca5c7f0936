/**
 * The front door of each app: one listener per app on its stable public port, forwarding HTTP and
 * WebSocket traffic to the loopback port of the app's current revision. Switching revisions is one
 * assignment, so an update changes where new requests go without closing the public port; requests in
 * flight finish on the revision they started on.
 */
export interface AppProxy {
  /**
   * Listens on `host:port` for the app (once; later calls only change the target). A `null` target
   * answers 503 (app stopped or not deployed). `PORT_IN_USE` when another process holds the port.
   */
  serve(appId: string, host: string, port: number, target: number | null): Promise<void>;
  /** Sends new requests to `target`; resolves once requests to the previous target are done (or after `drainMs`). */
  switchTarget(appId: string, target: number | null, drainMs?: number): Promise<void>;
  /**
   * Holds the app's traffic for an update: new requests get 503 with `Retry-After` and a page saying an
   * update is running; resolves once requests in flight are done (or after `drainMs`) with how many are
   * still running. The target stays as it was.
   */
  hold(appId: string, drainMs?: number): Promise<number>;
  /** Lets requests through to the target again. */
  release(appId: string): void;
  /** The app's current target port, `null` when it answers 503, `undefined` when not served. */
  targetOf(appId: string): number | null | undefined;
  /** Stops listening for the app. */
  close(appId: string): Promise<void>;
  closeAll(): Promise<void>;
}
