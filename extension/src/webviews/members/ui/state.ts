import type { Role } from '@paas/protocol';
import type { ErrorView, RequestDoneMessage } from '../../messages/envelope';
import type { MembersModel } from '../../messages/members';
import { IDLE, finished, type RequestState } from '../../shared/ui/requests';
import { NO_ROW_REQUESTS, rowDone, type RowRequests } from '../../shared/ui/rows';

export interface MembersState {
  model: MembersModel | undefined;
  /** Why the lists could not be read, as the agent said it. */
  loadError: ErrorView | undefined;
  inviteForm: { email: string; role: Role };
  inviteRequest: RequestState;
  refreshRequest: RequestState;
  /** The invitation just made, with its one-time code: kept only in memory, never saved. */
  newInvitation: { email: string; code: string; joinLink: string } | undefined;
  /** The member whose role choice is shown, if any. */
  editing: string | undefined;
  /** Member rows (by user id) and invitation rows (by invitation id). */
  rows: RowRequests;
}

export const INITIAL_STATE: MembersState = {
  model: undefined,
  loadError: undefined,
  inviteForm: { email: '', role: 'developer' },
  inviteRequest: IDLE,
  refreshRequest: IDLE,
  newInvitation: undefined,
  editing: undefined,
  rows: NO_ROW_REQUESTS,
};

/** What is saved across hide/show and reload: never the invitation code (webview state is unencrypted). */
export function savedState(state: MembersState): MembersState {
  return { ...state, newInvitation: undefined, rows: NO_ROW_REQUESTS };
}

/** Applies an answer to whichever form or row asked. */
export function withDone(state: MembersState, done: RequestDoneMessage): MembersState {
  return {
    ...state,
    inviteRequest: finished(state.inviteRequest, done),
    refreshRequest: finished(state.refreshRequest, done),
    rows: rowDone(state.rows, done),
  };
}
