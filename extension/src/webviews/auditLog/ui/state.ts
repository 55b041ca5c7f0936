import type { AccessView } from '../../messages/access';
import type { AuditFilter, AuditPage } from '../../messages/auditLog';
import { IDLE, type RequestState } from '../../shared/ui/requests';

/** The filter as typed: dates as `YYYY-MM-DD`, empty strings for "any". */
export interface FilterDraft {
  actor: string;
  method: string;
  outcome: '' | NonNullable<AuditFilter['outcome']>;
  since: string;
  until: string;
}

export interface AuditLogState {
  access: AccessView | undefined;
  projectName: string;
  page: AuditPage | undefined;
  draft: FilterDraft;
  /** The cursor of every page up to the current one (`undefined` for the first): Previous pops it. */
  cursors: (string | undefined)[];
  /** The cursor stack once the pending query answers. */
  pendingCursors: (string | undefined)[] | undefined;
  request: RequestState;
}

export const INITIAL_STATE: AuditLogState = {
  access: undefined,
  projectName: '',
  page: undefined,
  draft: { actor: '', method: '', outcome: '', since: '', until: '' },
  cursors: [undefined],
  pendingCursors: undefined,
  request: IDLE,
};

/** The typed filter as the protocol's filter; whole days in UTC. */
export function toFilter(draft: FilterDraft): AuditFilter {
  const filter: AuditFilter = {};
  if (draft.actor.trim()) filter.actor = draft.actor.trim();
  if (draft.method.trim()) filter.method = draft.method.trim();
  if (draft.outcome) filter.outcome = draft.outcome;
  if (draft.since) filter.since = `${draft.since}T00:00:00.000Z`;
  if (draft.until) filter.until = `${draft.until}T23:59:59.999Z`;
  return filter;
}
