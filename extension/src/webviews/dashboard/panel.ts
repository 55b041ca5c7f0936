import type { EnvironmentType } from '@paas/protocol';
import * as vscode from 'vscode';
import {
  DashboardToExtensionSchema,
  ProjectRefSchema,
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
   * shell's `WebviewPanelSerializer` calls this); a state without one closes the panel.
   */
  static restore(
    panel: vscode.WebviewPanel,
    state: unknown,
    deps: DashboardDeps,
  ): DashboardPanel | undefined {
    const ref = ProjectRefSchema.safeParse((state as { model?: { ref?: unknown } } | undefined)?.model?.ref);
    if (!ref.success) {
      panel.dispose();
      return undefined;
    }
    return DashboardPanel.adopt(panel, ref.data, deps);
  }

  private static adopt(panel: vscode.WebviewPanel, ref: ProjectRef, deps: DashboardDeps): DashboardPanel {
    const dashboard = new DashboardPanel(panel, ref, deps);
    return open.add(keyOf(ref), dashboard, () => undefined);
  }

  /** The webview answers `init` with `selectEnvironment` (its restored tab), which starts the live updates. */
  private async onReady(): Promise<void> {
    await this.sendModel();
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
