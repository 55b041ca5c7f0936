import type * as vscode from 'vscode';
import type { JobView } from '../messages/jobView';
import {
  QueueToExtensionSchema,
  type QueueModel,
  type QueueToExtension,
  type QueueToWebview,
} from '../messages/queue';
import type { ScreenSpec } from '../shared/panelHost';
import { PanelRegistry, keyOf, screenTitle, type ProjectKey } from '../shared/panels';
import { showScreen, type Screen, type ScreenDeps } from '../shared/screenPanel';

/** The Queue over `jobs/list` (pending states), `jobs/cancel` and `jobs/didProgress`. */
export interface QueueBackend {
  load(ref: ProjectKey): Promise<QueueModel>;
  cancel(ref: ProjectKey, jobId: string): Promise<void>;
  /** Calls `sink` with each change of the project's jobs until disposed. */
  watch(ref: ProjectKey, sink: (job: JobView) => void): vscode.Disposable;
}

export interface QueueDeps extends ScreenDeps {
  backend: QueueBackend;
}

const SPEC: ScreenSpec<QueueToExtension> = {
  viewType: 'paas.queue',
  screen: 'queue',
  title: 'Queue',
  inbound: QueueToExtensionSchema,
};
const open = new PanelRegistry<Screen<QueueToWebview>>();

/** The project's pending jobs, live while the panel is open; cancel where the caller's role allows. */
export function showQueue(deps: QueueDeps, ref: ProjectKey): Screen<QueueToWebview> {
  const b = deps.backend;
  return showScreen(open, SPEC, deps, keyOf(ref), (post, panel) => {
    const watcher = b.watch(ref, (job) => post({ type: 'job', job }));
    panel.onDidDispose(() => watcher.dispose());
    const sendModel = async (): Promise<void> => {
      const model = await b.load(ref);
      panel.title = screenTitle(model.projectName, 'Queue');
      post({ type: 'init', model });
    };
    return {
      onReady: sendModel,
      handlers: {
        refresh: sendModel,
        cancel: ({ jobId }) => b.cancel(ref, jobId),
      },
    };
  });
}
