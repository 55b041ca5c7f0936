import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '../../shared/ui/base.css';
import './workflows.css';
import type { WorkflowsToExtension, WorkflowsToWebview } from '../../messages/workflows';
import { connect, newRequestId } from '../../shared/ui/host';
import { mount } from '../../shared/ui/mount';
import { finished, started } from '../../shared/ui/requests';
import { INITIAL_STATE, matches, toFilter, type WorkflowsState } from './state';
import { workflowsView, type WorkflowsActions } from './view';

const host = connect<WorkflowsToWebview, WorkflowsToExtension, WorkflowsState>({
  init: ({ model }) => {
    store.update((s) => ({ ...s, model }));
    // The model's page is unfiltered: a filter kept from before a hide asks for its own.
    if (Object.keys(toFilter(store.state.filter)).length > 0) query();
  },
  page: ({ page, append }) =>
    store.update((s) =>
      s.model
        ? {
            ...s,
            model: {
              ...s.model,
              page: append ? { ...page, jobs: [...s.model.page.jobs, ...page.jobs] } : page,
            },
          }
        : s,
    ),
  detail: ({ job, steps }) => store.update((s) => ({ ...s, detail: { job, steps } })),
  finished: ({ job }) =>
    store.update((s) => {
      const page = s.model?.page;
      if (!s.model || !page || !matches(job, page.filter)) return s;
      const jobs = [job, ...page.jobs.filter((j) => j.id !== job.id)];
      return { ...s, model: { ...s.model, page: { ...page, jobs } } };
    }),
  requestDone: (done) => store.update((s) => ({ ...s, request: finished(s.request, done) })),
});

function begin(): string {
  const requestId = newRequestId();
  store.update((s) => ({ ...s, request: started(requestId) }));
  return requestId;
}

function query(before?: string): void {
  const filter = toFilter(store.state.filter);
  const requestId = begin();
  host.post(
    before === undefined
      ? { type: 'query', requestId, filter }
      : { type: 'query', requestId, filter, before },
  );
}

const actions: WorkflowsActions = {
  setFilter: (patch) => {
    store.update((s) => ({ ...s, filter: { ...s.filter, ...patch } }));
    query();
  },
  refresh: () => query(),
  more: () => {
    const jobs = store.state.model?.page.jobs ?? [];
    const last = jobs[jobs.length - 1];
    if (last) query(last.id);
  },
  open: (jobId) => host.post({ type: 'open', requestId: begin(), jobId }),
  close: () => store.update((s) => ({ ...s, detail: undefined })),
};

// The history is read afresh on every `ready`: only the chosen filter survives a hide.
const store = mount(
  { ...INITIAL_STATE, filter: host.savedState?.filter ?? INITIAL_STATE.filter },
  (s) => workflowsView(s, actions),
  host,
  (s) => ({ ...INITIAL_STATE, filter: s.filter }),
);
