import {
  COUNT_LIMITS,
  ErrorCode,
  PlanLimitsSchema,
  RpcError,
  admits,
  lowestTierAdmitting,
  priceFor,
  type LimitExceededData,
  type LimitName,
  type Plan,
  type PlanChoice,
  type PlanLimits,
  type PlanTier,
  type PlanUsage,
  type Project,
} from '@paas/protocol';
import type { Db } from '../store/database';
import { inTransaction } from '../store/database';
import { countKeptBackups } from '../store/backups';
import { seatHolders } from '../store/collaborators';
import { listEnvironments } from '../store/environments';
import { findPlan, listPlans, savePlan, type PlanRecord } from '../store/plans';
import { findProject, saveProject } from '../store/projects';
import { notFound } from '../errors';
import { nowIso } from '../ids';

/** A count limit, measured on a project. */
export type CountLimit = (typeof COUNT_LIMITS)[number];

/** Measures how much of a count limit a project uses now. */
export type UsageMeter = (projectId: string) => number;

/** The LimitExceeded error naming the limit and the lowest plan that lifts it. */
export function limitExceeded(data: LimitExceededData): RpcError {
  const lift = data.liftedBy ? `; the ${data.liftedBy} plan lifts it` : '; no plan lifts it';
  return new RpcError(
    ErrorCode.LimitExceeded,
    `the ${data.plan} plan allows ${data.max} ${data.limit}, this would make ${data.current}${lift}`,
    data,
  );
}

function planView(plan: PlanRecord): Plan {
  return {
    tier: plan.tier,
    limits: plan.limits,
    price: {
      currency: plan.currency,
      monthly: priceFor(plan.monthlyPrice, 'monthly'),
      annual: priceFor(plan.monthlyPrice, 'annual'),
    },
  };
}

/**
 * The PlanLimits service: plans as data the operator edits, and the checks every limited action makes.
 * Other services call {@link assertWithin} before they grow a project (apps: `instances`; automation:
 * `automatedBuilds`), and register a {@link UsageMeter} so plan changes are checked against real usage.
 */
export class PlanService {
  private readonly meters = new Map<CountLimit, UsageMeter>();

  constructor(private readonly db: Db) {
    this.registerUsage('environments', (projectId) => listEnvironments(db, projectId).length);
    this.registerUsage('includedSeats', (projectId) => seatHolders(db, projectId).length);
  }

  /** Tells plan changes how to measure a limit's current use (e.g. apps for `instances`). */
  registerUsage(limit: CountLimit, meter: UsageMeter): void {
    this.meters.set(limit, meter);
  }

  list(): Plan[] {
    return listPlans(this.db).map(planView);
  }

  limitsOf(tier: PlanTier): PlanLimits {
    const plan = findPlan(this.db, tier);
    if (!plan) throw notFound('plan', tier);
    return plan.limits;
  }

  private tierOf(projectId: string): PlanTier {
    const project = findProject(this.db, projectId);
    if (!project) throw notFound('project', projectId);
    return project.plan.tier;
  }

  /** The limits of the project's current plan. */
  limitsOfProject(projectId: string): PlanLimits {
    return this.limitsOf(this.tierOf(projectId));
  }

  /** Throws LimitExceeded unless the project's plan admits `nextValue` of `limit` (1 to use a feature). */
  assertWithin(projectId: string, limit: LimitName, nextValue: number): void {
    this.assertTierWithin(this.tierOf(projectId), limit, nextValue);
  }

  /** As {@link assertWithin}, for a tier (a project being created). */
  assertTierWithin(tier: PlanTier, limit: LimitName, nextValue: number): void {
    const limits = this.limitsOf(tier);
    if (admits(limits, limit, nextValue)) return;
    const max = limit === 'whiteLabel' ? 0 : (limits[limit] ?? 0);
    const liftedBy = lowestTierAdmitting(listPlans(this.db), limit, nextValue) ?? null;
    throw limitExceeded({ limit, current: nextValue, max, plan: tier, liftedBy });
  }

  /** How much of its plan's limits the project uses now, measured as plan changes measure it. */
  usage(projectId: string): PlanUsage {
    this.tierOf(projectId);
    const measure = (limit: CountLimit): number => this.meters.get(limit)?.(projectId) ?? 0;
    return {
      instances: measure('instances'),
      environments: measure('environments'),
      includedSeats: measure('includedSeats'),
      backupsKept: countKeptBackups(this.db, projectId),
    };
  }

  /** Moves a project to another plan; refused when its current usage exceeds the new plan's limits. */
  changePlan(projectId: string, plan: PlanChoice): { project: Project; previous: PlanChoice } {
    return inTransaction(this.db, () => {
      const project = findProject(this.db, projectId);
      if (!project) throw notFound('project', projectId);
      for (const [limit, meter] of this.meters) this.assertTierWithin(plan.tier, limit, meter(projectId));
      const updated: Project = { ...project, plan, updatedAt: nowIso() };
      saveProject(this.db, updated);
      return { project: updated, previous: project.plan };
    });
  }

  /** The operator's edit of a plan: limits merged over the current ones, and optionally the price. */
  update(tier: PlanTier, changes: { limits?: Partial<PlanLimits>; monthlyPrice?: number }): Plan {
    return inTransaction(this.db, () => {
      const plan = findPlan(this.db, tier);
      if (!plan) throw notFound('plan', tier);
      const limits = PlanLimitsSchema.parse({ ...plan.limits, ...changes.limits });
      const updated = {
        ...plan,
        limits,
        monthlyPrice: changes.monthlyPrice ?? plan.monthlyPrice,
        updatedAt: nowIso(),
      };
      savePlan(this.db, updated);
      return planView(updated);
    });
  }
}
