import type * as vscode from 'vscode';
import {
  RunnersToExtensionSchema,
  type PlaybookList,
  type RunRequest,
  type RunnerFilter,
  type RunnerRunView,
  type RunnersModel,
  type RunnersToExtension,
  type RunnersToWebview,
} from '../messages/runners';
import type { ScreenSpec } from '../shared/panelHost';
import { PanelRegistry, keyOf, screenTitle, type ProjectKey } from '../shared/panels';
import { showScreen, type Screen, type ScreenDeps } from '../shared/screenPanel';

/** Runner playbooks over the runners protocol: history, playbooks of a branch, runs and their logs. */
export interface RunnersBackend {
  load(ref: ProjectKey, filter: RunnerFilter): Promise<RunnersModel>;
  runs(ref: ProjectKey, filter: RunnerFilter): Promise<RunnerRunView[]>;
  playbooks(ref: ProjectKey, branch: string): Promise<PlaybookList>;
  /** Queues the run and opens its live log; resolves with the run's id. */
  run(ref: ProjectKey, request: RunRequest): Promise<string>;
  showLog(ref: ProjectKey, runId: string): Promise<void>;
  cancel(ref: ProjectKey, runId: string): Promise<void>;
  /** Calls `onChange` whenever a runner job of the project changes, until disposed. */
  watch(ref: ProjectKey, onChange: () => void): vscode.Disposable;
}

export interface RunnersDeps extends ScreenDeps {
  backend: RunnersBackend;
}

/** A run reports each step and its end: one reload covers a burst. */
const RELOAD_DELAY_MS = 300;

const SPEC: ScreenSpec<RunnersToExtension> = {
  viewType: 'paas.runners',
  screen: 'runners',
  title: 'Runners',
  inbound: RunnersToExtensionSchema,
};
const open = new PanelRegistry<Screen<RunnersToWebview>>();

export function showRunners(deps: RunnersDeps, ref: ProjectKey): Screen<RunnersToWebview> {
  const b = deps.backend;
  return showScreen(open, SPEC, deps, keyOf(ref), (post, panel) => {
    // The filter the webview last asked for: live reloads keep it.
    let filter: RunnerFilter = {};
    const sendRuns = async (): Promise<void> =>
      post({ type: 'runs', filter, runs: await b.runs(ref, filter) });
    let reload: NodeJS.Timeout | undefined;
    const watching = b.watch(ref, () => {
      clearTimeout(reload);
      reload = setTimeout(() => {
        sendRuns().catch((error: unknown) => deps.log.warn(`[runners] reload failed: ${String(error)}`));
      }, RELOAD_DELAY_MS);
    });
    panel.onDidDispose(() => {
      clearTimeout(reload);
      watching.dispose();
    });
    return {
      onReady: async () => {
        const model = await b.load(ref, filter);
        panel.title = screenTitle(model.projectName, 'Runners');
        post({ type: 'init', model });
      },
      handlers: {
        query: async (message) => {
          filter = message.filter;
          await sendRuns();
        },
        listPlaybooks: async ({ ref: branch }) =>
          post({ type: 'playbooks', playbooks: await b.playbooks(ref, branch) }),
        run: async ({ run }) => {
          await b.run(ref, run);
          await sendRuns();
        },
        showLog: ({ runId }) => b.showLog(ref, runId),
        cancel: ({ runId }) => b.cancel(ref, runId),
      },
    };
  });
}
