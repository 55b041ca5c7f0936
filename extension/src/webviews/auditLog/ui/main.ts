import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '../../shared/ui/base.css';
import './auditLog.css';
import type { AuditLogToExtension, AuditLogToWebview } from '../../messages/auditLog';
import { connect, newRequestId } from '../../shared/ui/host';
import { mount } from '../../shared/ui/mount';
import { finished, started } from '../../shared/ui/requests';
import { INITIAL_STATE, toFilter, type AuditLogState } from './state';
import { auditLogView, type AuditLogActions } from './view';

const host = connect<AuditLogToWebview, AuditLogToExtension, AuditLogState>({
  init: ({ access, projectName, page }) =>
    store.update((s) => ({ ...s, access, projectName, page: s.page ?? page })),
  page: ({ page }) =>
    store.update((s) => ({ ...s, page, cursors: s.pendingCursors ?? s.cursors, pendingCursors: undefined })),
  requestDone: (done) =>
    store.update((s) => ({ ...s, request: finished(s.request, done), pendingCursors: undefined })),
});

/** Asks for the page at `cursors`' last cursor; the stack becomes current when the page arrives. */
function query(cursors: (string | undefined)[]): void {
  const requestId = newRequestId();
  const filter = toFilter(store.state.draft);
  const cursor = cursors[cursors.length - 1];
  store.update((s) => ({ ...s, request: started(requestId), pendingCursors: cursors }));
  host.post(
    cursor === undefined
      ? { type: 'query', requestId, filter }
      : { type: 'query', requestId, filter, cursor },
  );
}

const actions: AuditLogActions = {
  setDraft: (patch) => store.update((s) => ({ ...s, draft: { ...s.draft, ...patch } })),
  apply: () => query([undefined]),
  next: () => {
    const next = store.state.page?.nextCursor;
    if (next) query([...store.state.cursors, next]);
  },
  previous: () => query(store.state.cursors.slice(0, -1)),
};

const store = mount(
  { ...INITIAL_STATE, ...host.savedState, pendingCursors: undefined },
  (s) => auditLogView(s, actions),
  host,
);
