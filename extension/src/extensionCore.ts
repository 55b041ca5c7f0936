import { join } from 'node:path';
import * as vscode from 'vscode';
import { Connections } from './client/connections';
import { OrganizationChoice } from './client/organizationChoice';
import { needsSignIn } from './client/connectionState';
import { ServerListFile } from './client/serverListFile';
import { ServerStore } from './client/serverStore';
import type { CommandContext } from './commands/command';
import { createCommandRunner } from './commands/index';
import { addBootstrapServer } from './commands/server/bootstrapServer';
import { dashboardDeps } from './commands/project/projectScreens';
import { backoffPolicy, settings } from './config';
import { scopedLog } from './log';
import { LogStreams } from './logs/logStreams';
import { ModuleIndex } from './logs/moduleIndex';
import { TracebackLinkProvider } from './logs/tracebackLinks';
import { ManifestLensProvider } from './lens/manifestLens';
import { BranchStatusItem } from './statusBar/branchItem';
import { ConnectionStatusItem } from './statusBar/connectionItem';
import { OrganizationStatusItem } from './statusBar/organizationItem';
import { JobsProvider } from './views/jobs/jobsProvider';
import { ProjectsData } from './views/projects/projectsData';
import { ProjectsProvider } from './views/projects/projectsProvider';
import { ServerData } from './views/servers/serverData';
import { ServersProvider } from './views/servers/serversProvider';
import { DashboardPanel, WebviewTrace } from './webviews/index';

/** Everything that talks to agents. Loaded on first use, so activation stays cheap. */
export interface Core {
  readonly store: ServerStore;
  readonly connections: Connections;
  readonly projectsData: ProjectsData;
  readonly serverData: ServerData;
  readonly serversProvider: ServersProvider;
  readonly projectsProvider: ProjectsProvider;
  readonly jobsProvider: JobsProvider;
  readonly tracebackLinks: TracebackLinkProvider;
  readonly branchItem: BranchStatusItem;
  /** Every webview panel's messages, newest last (for the in-host tests). */
  readonly webviewTrace: WebviewTrace;
  runCommand(id: string, args: unknown[]): Promise<unknown>;
  /** Reopens a dashboard after a window reload (the shell's `WebviewPanelSerializer`). */
  restoreDashboard(panel: vscode.WebviewPanel, state: unknown): void;
  /** Reloads every view from the agents. */
  refresh(): Promise<void>;
}

/** Reloads the views every `paas.refreshIntervalSeconds` (0: never), on top of the agents' notifications. */
function periodicRefresh(refresh: () => Promise<void>): vscode.Disposable {
  let timer: NodeJS.Timeout | undefined;
  const schedule = (): void => {
    clearInterval(timer);
    const seconds = settings().refreshIntervalSeconds;
    timer = seconds > 0 ? setInterval(() => void refresh(), seconds * 1000) : undefined;
  };
  schedule();
  const listener = vscode.workspace.onDidChangeConfiguration(
    (e) => e.affectsConfiguration('paas.refreshIntervalSeconds') && schedule(),
  );
  return new vscode.Disposable(() => {
    clearInterval(timer);
    listener.dispose();
  });
}

export function createCore(context: vscode.ExtensionContext, channel: vscode.LogOutputChannel): Core {
  const version = (context.extension.packageJSON as { version?: string }).version ?? '0.0.0';
  const store = new ServerStore(
    new ServerListFile(join(context.globalStorageUri.fsPath, 'servers.json')),
    context.globalState,
    context.secrets,
  );
  const connections = new Connections(store, {
    clientVersion: version,
    backoff: backoffPolicy,
    log: scopedLog(channel, 'client'),
  });
  const organizations = new OrganizationChoice(context.globalState);
  const serverData = new ServerData(connections, scopedLog(channel, 'servers'));
  const projectsData = new ProjectsData(connections, scopedLog(channel, 'projects'), organizations);
  const serversProvider = new ServersProvider(store, connections, serverData, organizations);
  const projectsProvider = new ProjectsProvider(connections, projectsData);
  const jobsProvider = new JobsProvider(connections, projectsData);
  const logs = new LogStreams();
  const modules = new ModuleIndex();
  const tracebackLinks = new TracebackLinkProvider(modules, (terminal) => logs.owns(terminal));
  const branchItem = new BranchStatusItem(connections, projectsData, scopedLog(channel, 'branch'));
  const refresh = async (): Promise<void> => {
    serverData.refresh();
    await projectsData.refresh();
  };
  const setContexts = (): void => {
    void vscode.commands.executeCommand('setContext', 'paas.hasServers', store.list().length > 0);
    const signInNeeded = connections.all().some((connection) => needsSignIn(connection.state));
    void vscode.commands.executeCommand('setContext', 'paas.signInNeeded', signInNeeded);
    void vscode.commands.executeCommand('setContext', 'paas.showDisabledApps', settings().showDisabledApps);
  };
  context.subscriptions.push(
    store,
    connections,
    serverData,
    projectsData,
    serversProvider,
    projectsProvider,
    jobsProvider,
    logs,
    modules,
    branchItem,
    new ManifestLensProvider(branchItem, projectsData, scopedLog(channel, 'lens')),
    new ConnectionStatusItem(store, connections),
    organizations,
    new OrganizationStatusItem(store, connections, organizations, scopedLog(channel, 'organizations')),
    vscode.window.registerTerminalLinkProvider(tracebackLinks),
    store.onDidChange(setContexts),
    connections.onDidChange(setContexts),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('paas.showDisabledApps')) return;
      setContexts();
      projectsProvider.refresh();
    }),
    periodicRefresh(refresh),
  );
  setContexts();
  const webviewTrace = new WebviewTrace();
  context.subscriptions.push(webviewTrace);
  const commandContext: CommandContext = {
    extension: context,
    store,
    connections,
    organizations,
    data: projectsData,
    logs,
    log: scopedLog(channel, 'commands'),
    webviewTrace,
    refreshViews: () => void refresh(),
  };
  const runCommand = createCommandRunner(commandContext);
  void addBootstrapServer(runCommand, scopedLog(channel, 'bootstrap'));
  return {
    store,
    connections,
    projectsData,
    serverData,
    serversProvider,
    projectsProvider,
    jobsProvider,
    tracebackLinks,
    branchItem,
    webviewTrace,
    runCommand,
    restoreDashboard: (panel, state) => {
      connections.start();
      DashboardPanel.restore(panel, state, dashboardDeps(commandContext));
    },
    refresh,
  };
}
