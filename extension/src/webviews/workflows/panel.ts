import type * as vscode from 'vscode';
import type { JobStepView, JobView } from '../messages/jobView';
import {
  WorkflowsToExtensionSchema,
  type WorkflowFilter,
  type WorkflowPage,
  type WorkflowsModel,
  type WorkflowsToExtension,
  type WorkflowsToWebview,
} from '../messages/workflows';
import type { ScreenSpec } from '../shared/panelHost';
import { PanelRegistry, keyOf, screenTitle, type ProjectKey } from '../shared/panels';
import { showScreen, type Screen, type ScreenDeps } from '../shared/screenPanel';

/** Workflows over `jobs/list` (finished states, filters, `before` paging), `jobs/get` and `jobs/didProgress`. */
export interface WorkflowsBackend {
  load(ref: ProjectKey): Promise<WorkflowsModel>;
  page(ref: ProjectKey, filter: WorkflowFilter, before: string | undefined): Promise<WorkflowPage>;
  detail(ref: ProjectKey, jobId: string): Promise<{ job: JobView; steps: JobStepView[] }>;
  watch(ref: ProjectKey, sink: (job: JobView) => void): vscode.Disposable;
}

export interface WorkflowsDeps extends ScreenDeps {
  backend: WorkflowsBackend;
}

const SPEC: ScreenSpec<WorkflowsToExtension> = {
  viewType: 'paas.workflows',
  screen: 'workflows',
  title: 'Workflows',
  inbound: WorkflowsToExtensionSchema,
};
const open = new PanelRegistry<Screen<WorkflowsToWebview>>();

const FINAL: readonly JobView['state'][] = ['succeeded', 'failed', 'canceled', 'interrupted'];

/** The project's finished jobs, filterable, each opening its steps, durations and logs. */
export function showWorkflows(deps: WorkflowsDeps, ref: ProjectKey): Screen<WorkflowsToWebview> {
  const b = deps.backend;
  return showScreen(open, SPEC, deps, keyOf(ref), (post, panel) => {
    const watcher = b.watch(ref, (job) => {
      if (FINAL.includes(job.state)) post({ type: 'finished', job });
    });
    panel.onDidDispose(() => watcher.dispose());
    return {
      onReady: async () => {
        const model = await b.load(ref);
        panel.title = screenTitle(model.projectName, 'Workflows');
        post({ type: 'init', model });
      },
      handlers: {
        query: async ({ filter, before }) =>
          post({ type: 'page', page: await b.page(ref, filter, before), append: before !== undefined }),
        open: async ({ jobId }) => post({ type: 'detail', ...(await b.detail(ref, jobId)) }),
      },
    };
  });
}
