import { GetProject, ListAuditEntries } from '@paas/protocol';
import type { CommandContext } from '../../commands/command';
import { AUDIT_PAGE_SIZE } from '../messages/auditLog';
import { accessViewOf } from '../shared/access';
import { auditListParams, toAuditEntryView } from '../shared/mapping';
import { connectProject } from '../shared/projectConnection';
import type { AuditLogBackend } from './panel';

/** The project's audit log over `audit/list`: server-side filters and cursors; outcomes filtered here. */
export function auditLogBackend(context: CommandContext): AuditLogBackend {
  return {
    async header(ref) {
      const { connection, permissions } = await connectProject(context, ref);
      const { project } = await connection.request(GetProject, { projectId: ref.projectId });
      return { access: accessViewOf(permissions), projectName: project.name };
    },
    async page(ref, filter, cursor) {
      const { connection } = await connectProject(context, ref);
      const { entries, nextCursor } = await connection.request(ListAuditEntries, {
        ...auditListParams(ref.projectId, filter),
        cursor,
        limit: AUDIT_PAGE_SIZE,
      });
      const views = entries.map(toAuditEntryView);
      return {
        filter,
        entries: filter.outcome ? views.filter((e) => e.outcome === filter.outcome) : views,
        nextCursor: nextCursor ?? null,
      };
    },
  };
}
