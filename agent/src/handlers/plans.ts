import { ChangePlan, GetPlanUsage, ListPlans } from '@paas/protocol';
import type { PlanService } from '../services/plans';
import { anyCaller, requireAction } from './authorize';
import { defineHandler } from './handler';

export function planHandlers(plans: PlanService) {
  return [
    defineHandler({
      type: ListPlans,
      authorize: anyCaller,
      handle: () => ({ plans: plans.list() }),
    }),
    defineHandler({
      type: GetPlanUsage,
      authorize: (params, context) => requireAction(context, 'project.read', { projectId: params.projectId }),
      handle: (params) => ({ usage: plans.usage(params.projectId) }),
    }),
    defineHandler({
      type: ChangePlan,
      authorize: (params, context) => requireAction(context, 'plan.manage', { projectId: params.projectId }),
      handle: (params) => plans.changePlan(params.projectId, params.plan),
      target: (params) => `project:${params.projectId}`,
    }),
  ];
}
