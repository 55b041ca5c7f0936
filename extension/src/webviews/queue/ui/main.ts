import '@vscode-elements/elements/dist/vscode-button/index.js';
import '../../shared/ui/base.css';
import './queue.css';
import type { QueueToExtension, QueueToWebview } from '../../messages/queue';
import { connect, newRequestId } from '../../shared/ui/host';
import { mount } from '../../shared/ui/mount';
import { finished, started } from '../../shared/ui/requests';
import { INITIAL_STATE, withJob, type QueueState } from './state';
import { queueView, type QueueActions } from './view';

const host = connect<QueueToWebview, QueueToExtension, QueueState>({
  init: ({ model }) => store.update((s) => ({ ...s, model })),
  job: ({ job }) =>
    store.update((s) => (s.model ? { ...s, model: { ...s.model, jobs: withJob(s.model.jobs, job) } } : s)),
  requestDone: (done) =>
    store.update((s) => ({
      ...s,
      request: finished(s.request, done),
      canceling: s.request.pendingId === done.requestId ? undefined : s.canceling,
    })),
});

const actions: QueueActions = {
  refresh: () => {
    const requestId = newRequestId();
    store.update((s) => ({ ...s, request: started(requestId) }));
    host.post({ type: 'refresh', requestId });
  },
  cancel: (jobId) => {
    const requestId = newRequestId();
    store.update((s) => ({ ...s, request: started(requestId), canceling: jobId }));
    host.post({ type: 'cancel', requestId, jobId });
  },
};

const store = mount(
  { ...INITIAL_STATE, ...host.savedState, canceling: undefined, request: INITIAL_STATE.request },
  (s) => queueView(s, actions),
  host,
);
