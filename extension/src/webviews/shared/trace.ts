import * as vscode from 'vscode';

/** One message between the extension and a webview, as the trace keeps it. */
export interface TracedMessage {
  /** `in`: the webview posted it; `out`: the extension did. */
  direction: 'in' | 'out';
  viewType: string;
  /** The panel's title when the message passed. */
  title: string;
  message: { type: string } & Record<string, unknown>;
}

/** How many messages the trace keeps: enough for a test run, bounded for a long session. */
const LIMIT = 2000;

/**
 * The messages every panel exchanged, newest last: the extension's test API exposes it, so in-host tests
 * see what a webview said (`ready`, card actions) and was told (`init`, `appChanged`) without reaching into
 * its iframes. Messages carry no secrets: tokens and keys never cross into a webview.
 */
export class WebviewTrace implements vscode.Disposable {
  readonly messages: TracedMessage[] = [];
  private readonly recorded = new vscode.EventEmitter<TracedMessage>();
  readonly onDidRecord = this.recorded.event;

  record(entry: TracedMessage): void {
    this.messages.push(entry);
    if (this.messages.length > LIMIT) this.messages.splice(0, this.messages.length - LIMIT);
    this.recorded.fire(entry);
  }

  dispose(): void {
    this.recorded.dispose();
  }
}
