import type { Role } from '@paas/protocol';
import type { CollaboratorsModel } from '../../messages/collaborators';
import type { RequestDoneMessage } from '../../messages/envelope';
import { IDLE, finished, type RequestState } from '../../shared/ui/requests';

export interface CollaboratorsState {
  model: CollaboratorsModel | undefined;
  userForm: { email: string; role: Role };
  teamForm: { teamId: string; role: Role };
  userRequest: RequestState;
  teamRequest: RequestState;
  /** Row requests in flight: request id → collaborator id. */
  rowRequests: Record<string, string>;
  /** The last failed row action's message, per collaborator. */
  rowErrors: Record<string, string>;
}

export const INITIAL_STATE: CollaboratorsState = {
  model: undefined,
  userForm: { email: '', role: 'developer' },
  teamForm: { teamId: '', role: 'developer' },
  userRequest: IDLE,
  teamRequest: IDLE,
  rowRequests: {},
  rowErrors: {},
};

export function withRowRequest(
  state: CollaboratorsState,
  requestId: string,
  collaboratorId: string,
): CollaboratorsState {
  const rowErrors = { ...state.rowErrors };
  delete rowErrors[collaboratorId];
  return { ...state, rowRequests: { ...state.rowRequests, [requestId]: collaboratorId }, rowErrors };
}

/** Applies an answer to whichever form or row asked. */
export function withDone(state: CollaboratorsState, done: RequestDoneMessage): CollaboratorsState {
  const next = {
    ...state,
    userRequest: finished(state.userRequest, done),
    teamRequest: finished(state.teamRequest, done),
  };
  const row = state.rowRequests[done.requestId];
  if (row === undefined) return next;
  const rowRequests = { ...state.rowRequests };
  delete rowRequests[done.requestId];
  const rowErrors = done.error ? { ...state.rowErrors, [row]: done.error.message } : state.rowErrors;
  return { ...next, rowRequests, rowErrors };
}
