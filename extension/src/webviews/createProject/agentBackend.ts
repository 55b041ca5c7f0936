import {
  GetPermissions,
  ListPlans,
  ListRegistryBranches,
  RegistryCredentialsSchema,
  RegistryUrlSchema,
} from '@paas/protocol';
import { z } from 'zod';
import type { CommandContext } from '../../commands/command';
import { accessViewOf } from '../shared/access';
import { toPlanView } from '../shared/mapping';
import type { CreateProjectBackend } from './panel';

/** The Odoo series the form offers, newest first (the agent accepts any series the image exists for). */
const ODOO_VERSIONS = ['19.0', '18.0', '17.0'];

/** Checked like `projects/create`'s `registry`, so errors land on the same fields. */
const RegistryFormSchema = z.object({
  registry: z.object({ url: RegistryUrlSchema, credentials: RegistryCredentialsSchema }),
});

/** Project creation on one agent: its plans, the caller's organization permissions, branch listing. */
export function createProjectBackend(
  context: CommandContext,
  serverId: string,
  opened: (projectId: string) => Promise<void>,
): CreateProjectBackend {
  const connect = async () => {
    const session = await context.connections.whenConnected(serverId);
    return { session, connection: context.connections.get(serverId)! };
  };
  return {
    agent: async () => (await connect()).connection,
    organizationId: () => context.organizations.get(serverId)?.id,
    async model() {
      const { session, connection } = await connect();
      const [{ plans }, permissions] = await Promise.all([
        connection.request(ListPlans, {}),
        session.methods.has(GetPermissions.method)
          ? connection
              .request(GetPermissions, { organizationId: context.organizations.get(serverId)?.id })
              .then((r) => r.permissions)
          : Promise.resolve(session.permissions),
      ]);
      if (!permissions) throw new Error('you belong to no organization on this server');
      return { access: accessViewOf(permissions), plans: plans.map(toPlanView), odooVersions: ODOO_VERSIONS };
    },
    async listBranches(registryUrl, credentials) {
      const { registry } = RegistryFormSchema.parse({
        registry: { url: registryUrl, credentials: credentials ?? { kind: 'none' } },
      });
      const { connection } = await connect();
      const { branches } = await connection.request(ListRegistryBranches, {
        organizationId: context.organizations.get(serverId)?.id,
        registryUrl: registry.url,
        credentials: registry.credentials,
      });
      return branches;
    },
    async created(projectId) {
      context.refreshViews();
      await opened(projectId);
    },
  };
}
