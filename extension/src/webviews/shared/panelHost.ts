import * as vscode from 'vscode';
import type { z } from 'zod';
import { dispatch, type HandlerMap, type Message } from '../messages/dispatch';
import type { RequestDoneMessage } from '../messages/envelope';
import type { WebviewLog } from './agent';
import { errorViewOf } from './errorView';
import { createNonce, renderWebviewHtml } from './html';
import type { TracedMessage, WebviewTrace } from './trace';

/** A screen: its panel type, bundle name, title and the schema of what its webview posts. */
export interface ScreenSpec<In extends Message> {
  viewType: string;
  screen: string;
  title: string;
  inbound: z.ZodType<In>;
}

/** Panel options: scripts on, resources only from dist/webviews. */
export function panelOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableFindWidget: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webviews')],
  };
}

/** Sets the page: a fresh nonce, the strict CSP, and every resource through `asWebviewUri`. */
function setHtml(webview: vscode.Webview, extensionUri: vscode.Uri, screen: string, title: string): void {
  const uri = (...path: string[]): string =>
    webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webviews', ...path)).toString();
  webview.html = renderWebviewHtml({
    screen,
    title,
    cspSource: webview.cspSource,
    nonce: createNonce(),
    resources: {
      script: uri(`${screen}.js`),
      style: uri(`${screen}.css`),
      codicons: uri('codicons', 'codicon.css'),
    },
  });
}

/** A dismissed prompt ends a handler quietly (the commands' `Cancelled`). */
function isCancellation(error: unknown): boolean {
  return error instanceof Error && error.name === 'Cancelled';
}

type Handlers<In extends Message> = HandlerMap<Exclude<In, { type: 'ready' }>, Promise<void> | void>;

/**
 * The extension side of one webview: validates every message with the screen's zod schema, dispatches
 * it through a handler map, answers messages that carry a `requestId` with `requestDone`, and posts
 * nothing until the webview said `ready` (again after each reload, when `onReady` re-sends the model).
 */
export class PanelHost<In extends Message, Out extends Message> implements vscode.Disposable {
  private ready = false;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly spec: ScreenSpec<In>,
    extensionUri: vscode.Uri,
    private readonly handlers: Handlers<In>,
    private readonly onReady: () => Promise<void>,
    private readonly log: WebviewLog,
    private readonly trace?: WebviewTrace,
  ) {
    panel.webview.options = panelOptions(extensionUri);
    this.subscriptions.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)),
      // A hidden webview is discarded; it posts `ready` again when shown.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
    );
    setHtml(panel.webview, extensionUri, spec.screen, spec.title);
  }

  /** Posts to the webview once it is ready; earlier messages are dropped (the model sent on `ready` covers them). */
  post(message: Out | RequestDoneMessage): void {
    if (!this.ready) return;
    this.record('out', message);
    void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    for (const s of this.subscriptions.splice(0)) s.dispose();
  }

  private async receive(raw: unknown): Promise<void> {
    const parsed = this.spec.inbound.safeParse(raw);
    if (!parsed.success) {
      this.log.warn(`[${this.spec.screen}] ignored a malformed webview message: ${parsed.error.message}`);
      return;
    }
    const message = parsed.data;
    this.record('in', message);
    try {
      if (message.type === 'ready') {
        this.ready = true;
        await this.onReady();
        return;
      }
      await dispatch(this.handlers, message as Exclude<In, { type: 'ready' }>);
      this.answer(message, undefined);
    } catch (error) {
      // A dismissed dialog is no failure, but the webview still waits for its answer to stop being busy.
      if (isCancellation(error)) {
        this.answer(message, undefined);
        return;
      }
      this.log.error(error instanceof Error ? error : String(error));
      this.answer(message, error);
    }
  }

  private record(direction: 'in' | 'out', message: Message): void {
    this.trace?.record({
      direction,
      viewType: this.spec.viewType,
      title: this.panel.title,
      message: message as TracedMessage['message'],
    });
  }

  /** `error` undefined: the message succeeded (only a webview that sent a `requestId` waits to hear it). */
  private answer(message: In, error: unknown): void {
    const requestId = (message as { requestId?: unknown }).requestId;
    if (typeof requestId !== 'string') {
      // Intents without an answer (menus, dialogs) have no banner to show a failure in.
      if (error !== undefined)
        void vscode.window.showErrorMessage(
          `PaaS.sh: ${error instanceof Error ? error.message : String(error)}`,
        );
      return;
    }
    this.post(
      error === undefined
        ? { type: 'requestDone', requestId }
        : { type: 'requestDone', requestId, error: errorViewOf(error) },
    );
  }
}
