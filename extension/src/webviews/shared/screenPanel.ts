import * as vscode from 'vscode';
import type { HandlerMap, Message } from '../messages/dispatch';
import type { RequestDoneMessage } from '../messages/envelope';
import type { WebviewLog } from './agent';
import { PanelHost, panelOptions, type ScreenSpec } from './panelHost';
import { PanelRegistry } from './panels';
import type { WebviewTrace } from './trace';

export interface ScreenDeps {
  extensionUri: vscode.Uri;
  log: WebviewLog;
  /** Where the panel's messages are recorded, for the in-host tests. */
  trace?: WebviewTrace;
}

/** What a screen does with its webview: answer its messages, and send the model on every `ready`. */
export interface ScreenBehaviour<In extends Message> {
  handlers: HandlerMap<Exclude<In, { type: 'ready' }>, Promise<void> | void>;
  onReady(): Promise<void>;
}

/** An open screen: its panel, and the way to post to its webview. */
export interface Screen<Out extends Message> {
  readonly panel: vscode.WebviewPanel;
  post(message: Out | RequestDoneMessage): void;
}

/**
 * Opens (or reveals) one panel per `key` for a screen whose behaviour needs nothing but a way to post:
 * every screen but the dashboard (which also watches live data) is one call to this.
 */
export function showScreen<In extends Message, Out extends Message>(
  registry: PanelRegistry<Screen<Out>>,
  spec: ScreenSpec<In>,
  deps: ScreenDeps,
  key: string,
  behaviour: (
    post: (message: Out | RequestDoneMessage) => void,
    panel: vscode.WebviewPanel,
  ) => ScreenBehaviour<In>,
): Screen<Out> {
  const existing = registry.reveal(key);
  if (existing) return existing;
  const panel = vscode.window.createWebviewPanel(
    spec.viewType,
    spec.title,
    vscode.ViewColumn.Active,
    panelOptions(deps.extensionUri),
  );
  // `post` reaches the host lazily: behaviours only post from handlers, after the host exists.
  const post = (message: Out | RequestDoneMessage): void => host.post(message);
  const b = behaviour(post, panel);
  const host = new PanelHost<In, Out>(
    panel,
    spec,
    deps.extensionUri,
    b.handlers,
    () => b.onReady(),
    deps.log,
    deps.trace,
  );
  const screen: Screen<Out> = { panel, post };
  return registry.add(key, screen, () => host.dispose());
}
