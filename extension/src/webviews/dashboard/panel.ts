import type { EnvironmentType } from '@paas/protocol';
import * as vscode from 'vscode';
import {
  DashboardToExtensionSchema,
  projectRefOfState,
  type DashboardToExtension,
  type DashboardToWebview,
  type ProjectRef,
} from '../messages/dashboard';
import { PanelHost, panelOptions, type ScreenSpec } from '../shared/panelHost';
import { PanelRegistry, keyOf } from '../shared/panels';
import type { ScreenDeps } from '../shared/screenPanel';
import type { DashboardBackend } from './backend';

export interface DashboardDeps extends ScreenDeps {
  backend: DashboardBackend;
}

const SPEC: ScreenSpec<DashboardToExtension> = {
  viewType: 'paas.dashboard',
  screen: 'dashboard',
  title: 'Project dashboard',
  inbound: DashboardToExtensionSchema,
};

const open = new PanelRegistry<DashboardPanel>();

/** The project dashboard: environments, server metrics, apps; live while visible. */
export class DashboardPanel {
  private readonly host: PanelHost<DashboardToExtension, DashboardToWebview>;
  private watching: vscode.Disposable | undefined;
  /** Whether a model reached the webview: until then, it shows nothing but a spinner. */
  private loaded = false;
  private closed = false;

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly ref: ProjectRef,
    private readonly deps: DashboardDeps,
  ) {
    const b = deps.backend;
    this.host = new PanelHost(
      panel,
      SPEC,
      deps.extensionUri,
      {
        selectEnvironment: ({ environmentType }) => this.watch(environmentType),
        refresh: () => this.sendModel(),
        setShowDisabled: ({ show }) => b.setShowDisabled(show),
        createApp: ({ environmentType }) => b.createApp(ref, environmentType),
        automateEnvironment: ({ environmentType }) => b.automateEnvironment(ref, environmentType),
        destroyEnvironment: ({ environmentType }) => b.destroyEnvironment(ref, environmentType),
        openApp: ({ appId }) => b.openApp(ref, appId),
        appAction: ({ appId, action }) => b.runAppAction(ref, appId, action),
        appMore: ({ appId }) => b.showAppMenu(ref, appId),
        openLogs: ({ appId, level }) => b.openLogs(ref, appId, level),
      },
      () => this.onReady(),
      deps.log,
      deps.trace,
    );
    // Live updates only while the webview can show them.
    panel.onDidChangeViewState(() => (panel.visible ? undefined : this.stopWatching()));
    panel.onDidDispose(() => {
      this.closed = true;
      this.stopWatching();
      this.host.dispose();
    });
  }

  /** Opens (or reveals) the dashboard of a project. */
  static show(deps: DashboardDeps, ref: ProjectRef): DashboardPanel {
    const existing = open.reveal(keyOf(ref));
    if (existing) return existing;
    const panel = vscode.window.createWebviewPanel(SPEC.viewType, SPEC.title, vscode.ViewColumn.Active, {
      ...panelOptions(deps.extensionUri),
    });
    return DashboardPanel.adopt(panel, ref, deps);
  }

  /**
   * Restores a dashboard after a window reload from the project reference kept in its webview state (the
   * shell's `WebviewPanelSerializer` calls this); a state without one closes the panel, and so does a
   * project that no longer loads (see `onReady`).
   */
  static restore(
    panel: vscode.WebviewPanel,
    state: unknown,
    deps: DashboardDeps,
  ): DashboardPanel | undefined {
    const ref = projectRefOfState(state);
    if (!ref) {
      panel.dispose();
      return undefined;
    }
    return DashboardPanel.adopt(panel, ref, deps);
  }

  private static adopt(panel: vscode.WebviewPanel, ref: ProjectRef, deps: DashboardDeps): DashboardPanel {
    const dashboard = new DashboardPanel(panel, ref, deps);
    return open.add(keyOf(ref), dashboard, () => undefined);
  }

  /** The webview answers `init` with `selectEnvironment` (its restored tab), which starts the live updates. */
  private async onReady(): Promise<void> {
    try {
      await this.sendModel();
      this.loaded = true;
    } catch (error) {
      // Once loaded, the webview keeps showing its saved model and the failure is reported as usual.
      if (this.loaded || this.closed) throw error;
      // Never loaded (e.g. restored after a reload, but the project or its server is gone): the panel
      // would spin forever, so it closes and says why.
      const reason = error instanceof Error ? error.message : String(error);
      this.deps.log.warn(`[dashboard] closed: ${keyOf(this.ref)} did not load: ${reason}`);
      this.panel.dispose();
      void vscode.window.showWarningMessage(`PaaS.sh: the project dashboard was closed: ${reason}`);
    }
  }

  private async sendModel(): Promise<void> {
    const model = await this.deps.backend.load(this.ref);
    this.panel.title = `${model.projectName} — Dashboard`;
    this.host.post({ type: 'init', model });
  }

  private watch(environmentType: EnvironmentType): void {
    this.stopWatching();
    this.watching = this.deps.backend.watch(this.ref, environmentType, (event) => this.host.post(event));
  }

  private stopWatching(): void {
    this.watching?.dispose();
    this.watching = undefined;
  }
}
