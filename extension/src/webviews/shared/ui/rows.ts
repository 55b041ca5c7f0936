import type { RequestDoneMessage } from '../../messages/envelope';

/** Actions on table rows: which rows are busy, and each row's last failure. */
export interface RowRequests {
  /** Request id → row id, while in flight. */
  pending: Record<string, string>;
  /** Row id → the message of its last failed action. */
  errors: Record<string, string>;
}

export const NO_ROW_REQUESTS: RowRequests = { pending: {}, errors: {} };

/** A row action started: the row is busy and its old error is cleared. */
export function rowStarted(rows: RowRequests, requestId: string, rowId: string): RowRequests {
  const errors = { ...rows.errors };
  delete errors[rowId];
  return { pending: { ...rows.pending, [requestId]: rowId }, errors };
}

/** Applies an answer if it is a row's; other answers leave the rows as they are. */
export function rowDone(rows: RowRequests, done: RequestDoneMessage): RowRequests {
  const rowId = rows.pending[done.requestId];
  if (rowId === undefined) return rows;
  const pending = { ...rows.pending };
  delete pending[done.requestId];
  return { pending, errors: done.error ? { ...rows.errors, [rowId]: done.error.message } : rows.errors };
}

export function rowBusy(rows: RowRequests, rowId: string): boolean {
  return Object.values(rows.pending).includes(rowId);
}
