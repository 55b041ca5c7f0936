import {
  AuditLogToExtensionSchema,
  type AuditFilter,
  type AuditLogToExtension,
  type AuditLogToWebview,
  type AuditPage,
} from '../messages/auditLog';
import type { AccessView } from '../messages/access';
import type { ScreenSpec } from '../shared/panelHost';
import { PanelRegistry, keyOf, screenTitle, type ProjectKey } from '../shared/panels';
import { showScreen, type Screen, type ScreenDeps } from '../shared/screenPanel';

/** The audit log over the access protocol's `audit/list` (cursor pagination, server-side filters). */
export interface AuditLogBackend {
  header(ref: ProjectKey): Promise<{ access: AccessView; projectName: string }>;
  page(ref: ProjectKey, filter: AuditFilter, cursor: string | undefined): Promise<AuditPage>;
}

export interface AuditLogDeps extends ScreenDeps {
  backend: AuditLogBackend;
}

const SPEC: ScreenSpec<AuditLogToExtension> = {
  viewType: 'paas.auditLog',
  screen: 'auditLog',
  title: 'Audit log',
  inbound: AuditLogToExtensionSchema,
};
const open = new PanelRegistry<Screen<AuditLogToWebview>>();

export function showAuditLog(deps: AuditLogDeps, ref: ProjectKey): Screen<AuditLogToWebview> {
  const b = deps.backend;
  return showScreen(open, SPEC, deps, keyOf(ref), (post, panel) => ({
    onReady: async () => {
      const header = await b.header(ref);
      panel.title = screenTitle(header.projectName, 'Audit log');
      const page = header.access.gates.project['audit.read'].allowed
        ? await b.page(ref, {}, undefined)
        : { filter: {}, entries: [], nextCursor: null };
      post({ type: 'init', ...header, page });
    },
    handlers: {
      query: async ({ filter, cursor }) => post({ type: 'page', page: await b.page(ref, filter, cursor) }),
    },
  }));
}
