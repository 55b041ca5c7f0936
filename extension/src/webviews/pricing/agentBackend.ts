import { ChangePlan, GetPlanUsage, GetProject, ListPlans } from '@paas/protocol';
import type { CommandContext } from '../../commands/command';
import { accessViewOf } from '../shared/access';
import { toPlanView } from '../shared/mapping';
import { connectProject } from '../shared/projectConnection';
import type { PricingBackend } from './panel';

/** The project's plan and usage on the user's connection. */
export function pricingBackend(context: CommandContext): PricingBackend {
  return {
    async load(ref) {
      const { connection, permissions } = await connectProject(context, ref);
      const [{ project }, { plans }, { usage }] = await Promise.all([
        connection.request(GetProject, { projectId: ref.projectId }),
        connection.request(ListPlans, {}),
        connection.request(GetPlanUsage, { projectId: ref.projectId }),
      ]);
      return {
        access: accessViewOf(permissions),
        projectName: project.name,
        plan: project.plan,
        plans: plans.map(toPlanView),
        usage,
      };
    },
    async changePlan(ref, plan) {
      const { connection } = await connectProject(context, ref);
      await connection.request(ChangePlan, { projectId: ref.projectId, plan });
      context.refreshViews();
    },
  };
}
