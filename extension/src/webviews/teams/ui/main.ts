import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '../../shared/ui/base.css';
import '../../shared/ui/organization.css';
import type { TeamsToExtension, TeamsToWebview } from '../../messages/teams';
import { connect, newRequestId } from '../../shared/ui/host';
import { mount } from '../../shared/ui/mount';
import { started } from '../../shared/ui/requests';
import { NO_ROW_REQUESTS, rowStarted } from '../../shared/ui/rows';
import { INITIAL_STATE, withDone, type TeamsState } from './state';
import { teamsView, type TeamsActions } from './view';

const host = connect<TeamsToWebview, TeamsToExtension, TeamsState>({
  init: ({ model }) => store.update((s) => ({ ...s, model, loadError: undefined, drafts: {} })),
  loadFailed: ({ error }) => store.update((s) => ({ ...s, loadError: error })),
  requestDone: (done) => store.update((s) => withDone(s, done)),
});

/** Posts a team action: the team is busy until its answer. */
function teamAction(teamId: string, message: (requestId: string) => TeamsToExtension): void {
  const requestId = newRequestId();
  store.update((s) => ({ ...s, rows: rowStarted(s.rows, requestId, teamId) }));
  host.post(message(requestId));
}

const draft = (teamId: string) => store.state.drafts[teamId] ?? {};

const actions: TeamsActions = {
  refresh: () => {
    const requestId = newRequestId();
    store.update((s) => ({ ...s, refreshRequest: started(requestId) }));
    host.post({ type: 'refresh', requestId });
  },
  setCreateName: (name) => store.update((s) => ({ ...s, createForm: { name } })),
  create: () => {
    const requestId = newRequestId();
    store.update((s) => ({ ...s, createRequest: started(requestId) }));
    host.post({ type: 'create', requestId, name: store.state.createForm.name.trim() });
  },
  setDraft: (teamId, patch) =>
    store.update((s) => ({ ...s, drafts: { ...s.drafts, [teamId]: { ...draft(teamId), ...patch } } })),
  rename: (teamId) =>
    teamAction(teamId, (requestId) => ({
      type: 'rename',
      requestId,
      teamId,
      name: (draft(teamId).name ?? '').trim(),
    })),
  delete: (teamId) => teamAction(teamId, (requestId) => ({ type: 'delete', requestId, teamId })),
  addMember: (teamId) =>
    teamAction(teamId, (requestId) => ({
      type: 'addMember',
      requestId,
      teamId,
      userId: draft(teamId).userId ?? '',
    })),
  removeMember: (teamId, userId) =>
    teamAction(teamId, (requestId) => ({ type: 'removeMember', requestId, teamId, userId })),
};

const store = mount(
  { ...INITIAL_STATE, ...host.savedState, rows: NO_ROW_REQUESTS },
  (s) => teamsView(s, actions),
  host,
);
