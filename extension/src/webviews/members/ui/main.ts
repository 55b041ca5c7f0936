import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '../../shared/ui/base.css';
import '../../shared/ui/organization.css';
import type { MembersToExtension, MembersToWebview } from '../../messages/members';
import { connect, newRequestId } from '../../shared/ui/host';
import { mount } from '../../shared/ui/mount';
import { started } from '../../shared/ui/requests';
import { rowStarted } from '../../shared/ui/rows';
import { INITIAL_STATE, savedState, withDone, type MembersState } from './state';
import { membersView, type MembersActions } from './view';

const host = connect<MembersToWebview, MembersToExtension, MembersState>({
  init: ({ model }) => store.update((s) => ({ ...s, model, loadError: undefined })),
  loadFailed: ({ error }) => store.update((s) => ({ ...s, loadError: error })),
  invited: ({ invitation }) =>
    store.update((s) => ({ ...s, newInvitation: invitation, inviteForm: { ...s.inviteForm, email: '' } })),
  requestDone: (done) => store.update((s) => withDone(s, done)),
});

/** Posts a row action: the row is busy until its answer. */
function rowAction(rowId: string, message: (requestId: string) => MembersToExtension): void {
  const requestId = newRequestId();
  store.update((s) => ({ ...s, rows: rowStarted(s.rows, requestId, rowId) }));
  host.post(message(requestId));
}

const actions: MembersActions = {
  refresh: () => {
    const requestId = newRequestId();
    store.update((s) => ({ ...s, refreshRequest: started(requestId) }));
    host.post({ type: 'refresh', requestId });
  },
  setInvite: (patch) => store.update((s) => ({ ...s, inviteForm: { ...s.inviteForm, ...patch } })),
  invite: () => {
    const requestId = newRequestId();
    const { email, role } = store.state.inviteForm;
    store.update((s) => ({ ...s, inviteRequest: started(requestId), newInvitation: undefined }));
    host.post({ type: 'invite', requestId, email: email.trim(), role });
  },
  editRole: (userId) => store.update((s) => ({ ...s, editing: userId })),
  changeRole: (userId, role) => {
    store.update((s) => ({ ...s, editing: undefined }));
    rowAction(userId, (requestId) => ({ type: 'changeRole', requestId, userId, role }));
  },
  remove: (userId) => rowAction(userId, (requestId) => ({ type: 'remove', requestId, userId })),
  revoke: (invitationId) =>
    rowAction(invitationId, (requestId) => ({ type: 'revoke', requestId, invitationId })),
  copy: (text) => host.post({ type: 'copy', requestId: newRequestId(), text }),
};

const store = mount(
  { ...INITIAL_STATE, ...host.savedState, rows: INITIAL_STATE.rows, newInvitation: undefined },
  (s) => membersView(s, actions),
  host,
  savedState,
);
