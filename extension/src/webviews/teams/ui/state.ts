import type { ErrorView, RequestDoneMessage } from '../../messages/envelope';
import type { TeamsModel } from '../../messages/teams';
import { IDLE, finished, type RequestState } from '../../shared/ui/requests';
import { NO_ROW_REQUESTS, rowDone, type RowRequests } from '../../shared/ui/rows';

export interface TeamsState {
  model: TeamsModel | undefined;
  loadError: ErrorView | undefined;
  createForm: { name: string };
  createRequest: RequestState;
  refreshRequest: RequestState;
  /** Per team: the name being typed (rename) and the member picked to add. */
  drafts: Record<string, { name?: string; userId?: string }>;
  /** Team actions, by team id. */
  rows: RowRequests;
}

export const INITIAL_STATE: TeamsState = {
  model: undefined,
  loadError: undefined,
  createForm: { name: '' },
  createRequest: IDLE,
  refreshRequest: IDLE,
  drafts: {},
  rows: NO_ROW_REQUESTS,
};

/** Applies an answer to whichever form or team asked. */
export function withDone(state: TeamsState, done: RequestDoneMessage): TeamsState {
  const created = state.createRequest.pendingId === done.requestId && !done.error;
  return {
    ...state,
    createForm: created ? { name: '' } : state.createForm,
    createRequest: finished(state.createRequest, done),
    refreshRequest: finished(state.refreshRequest, done),
    rows: rowDone(state.rows, done),
  };
}
