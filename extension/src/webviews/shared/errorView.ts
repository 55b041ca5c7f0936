import { ErrorCode, IssueSchema, RpcError, errorCodeName } from '@paas/protocol';
import { z, ZodError } from 'zod';
import { TransferFailure } from '../../client/transfers';
import type { ErrorView, FieldIssue } from '../messages/envelope';

const IssuesDataSchema = z.object({ issues: z.array(IssueSchema) });

function issuesOf(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldIssue[] {
  return issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/**
 * What a webview shows for a failure: agent errors keep their code, message and field issues; local
 * schema failures look exactly like the agent's `InvalidParams`; anything else is a generic message
 * (details go to the log, never to the page).
 */
export function errorViewOf(error: unknown): ErrorView {
  if (error instanceof RpcError) {
    const data = IssuesDataSchema.safeParse(error.data);
    return {
      code: error.code,
      codeName: errorCodeName(error.code),
      message: error.message,
      issues: data.success ? issuesOf(data.data.issues) : [],
    };
  }
  if (error instanceof ZodError) {
    return {
      code: ErrorCode.InvalidParams,
      codeName: errorCodeName(ErrorCode.InvalidParams),
      message: 'Some fields need attention.',
      issues: issuesOf(error.issues),
    };
  }
  // A broken download or upload: the message is ours (what failed, and the system's reason).
  if (error instanceof TransferFailure) {
    return {
      code: ErrorCode.InternalError,
      codeName: errorCodeName(ErrorCode.InternalError),
      message: error.message,
      issues: [],
    };
  }
  return {
    code: ErrorCode.InternalError,
    codeName: errorCodeName(ErrorCode.InternalError),
    message: 'Something went wrong; the PaaS.sh output has the details.',
    issues: [],
  };
}
