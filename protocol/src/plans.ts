import { z } from 'zod';
import { RetentionSchema } from './backups';
import { IdSchema } from './common';
import { defineRequest } from './define';
import { PLAN_TIERS, PlanChoiceSchema, PlanTierSchema, ProjectSchema } from './projects';

/** A count limit; `null` means unlimited. */
const CountLimitSchema = z.number().int().min(0).nullable();

/** What a plan lets a project do. The operator edits these (`paas-agent plan set`); they are data, not code. */
export const PlanLimitsSchema = z.object({
  instances: CountLimitSchema.describe("Apps (branch instances) across the project's environments."),
  environments: CountLimitSchema.describe('Environments (at most one per type).'),
  includedSeats: CountLimitSchema.describe('Distinct users with a project role, directly or through a team.'),
  automatedBuilds: CountLimitSchema.describe('Builds started by automation (on push) per calendar month.'),
  backupRetention: RetentionSchema.describe(
    "The most daily, weekly and monthly backups kept: every environment's retention is capped by it.",
  ),
  whiteLabel: z
    .boolean()
    .describe("Whether the project's URLs and pages may carry the customer's brand instead of PaaS.sh's."),
});
export type PlanLimits = z.infer<typeof PlanLimitsSchema>;

/** The limits that are counts, which `LimitExceeded` can name. */
export const COUNT_LIMITS = ['instances', 'environments', 'includedSeats', 'automatedBuilds'] as const;
/** A limit `LimitExceeded` can name: a count, or a feature the plan may not include. */
export const LimitNameSchema = z.enum([...COUNT_LIMITS, 'whiteLabel']);
export type LimitName = z.infer<typeof LimitNameSchema>;

/** What a price is, in the smallest unit of its currency. */
export const PriceSchema = z.object({
  currency: z.string().length(3).describe('Three-letter currency code (ISO 4217).'),
  monthly: z.number().int().min(0).describe('Price per month, billed monthly.'),
  annual: z.number().int().min(0).describe('Price per year, billed annually: ten months for twelve.'),
});

export const PlanSchema = z.object({
  tier: PlanTierSchema.describe('The plan: `free`, `essential`, `pro` or `premium`, cheapest first.'),
  limits: PlanLimitsSchema.describe(
    'What a plan lets a project do. The operator edits these (`paas-agent plan set`); they are data, not code.',
  ),
  price: PriceSchema.describe('What a price is, in the smallest unit of its currency.'),
});
export type Plan = z.infer<typeof PlanSchema>;

/** Months billed for a year on the annual plan. */
export const ANNUAL_BILLED_MONTHS = 10;

/** The price of one billing period: a month, or a year billed as ten months. */
export function priceFor(monthlyPrice: number, billing: 'monthly' | 'annual'): number {
  return billing === 'annual' ? monthlyPrice * ANNUAL_BILLED_MONTHS : monthlyPrice;
}

/**
 * The `data` of a `LimitExceeded` error: which limit, how far it would go, and the lowest plan that lifts
 * it (`null` when none does).
 */
export const LimitExceededDataSchema = z.object({
  limit: LimitNameSchema.describe(
    'A limit `LimitExceeded` can name: a count, or a feature the plan may not include.',
  ),
  current: z.number().int().describe('The value the request would reach (1 for a feature).'),
  max: z.number().int().describe("The plan's limit (0 for a feature it lacks)."),
  plan: PlanTierSchema.describe('The project\u2019s current plan, whose limit it is.'),
  liftedBy: PlanTierSchema.nullable().describe(
    'The cheapest plan whose limit admits `current`; `null` when no plan does.',
  ),
});
export type LimitExceededData = z.infer<typeof LimitExceededDataSchema>;

/**
 * The lowest tier whose limit admits `value`, or `undefined` when no tier does. Tiers are tried in their
 * listed order, cheapest first.
 */
export function lowestTierAdmitting(
  plans: readonly Pick<Plan, 'tier' | 'limits'>[],
  limit: LimitName,
  value: number,
): Plan['tier'] | undefined {
  const ordered = [...plans].sort((a, b) => PLAN_TIERS.indexOf(a.tier) - PLAN_TIERS.indexOf(b.tier));
  return ordered.find((plan) => admits(plan.limits, limit, value))?.tier;
}

/** Whether `limits` admit reaching `value` of `limit` (for a feature, any value means "used"). */
export function admits(limits: PlanLimits, limit: LimitName, value: number): boolean {
  if (limit === 'whiteLabel') return limits.whiteLabel || value <= 0;
  const max = limits[limit];
  return max === null || value <= max;
}

export const ListPlans = defineRequest({
  method: 'plans/list',
  kind: 'query',
  doc: 'Lists the plans with their limits and prices, monthly and annual.',
  params: z.object({}),
  result: z.object({ plans: z.array(PlanSchema).describe('Every plan, cheapest first.') }),
});

export const ChangePlan = defineRequest({
  method: 'projects/changePlan',
  kind: 'mutation',
  doc: 'Moves a project to another plan or billing period; refused when current usage exceeds the new limits.',
  params: z.object({
    projectId: IdSchema.describe('The project\u2019s id.'),
    plan: PlanChoiceSchema.describe('The plan and billing period to move to.'),
  }),
  result: z.object({
    project: ProjectSchema.describe('The project on its new plan.'),
    previous: PlanChoiceSchema.describe('The plan it was on before.'),
  }),
});

/** How much of each limit a project uses now, beside its plan's limits on the Pricing & Plans screen. */
export const PlanUsageSchema = z.object({
  instances: z.number().int().min(0).describe("Apps (branch instances) across the project's environments."),
  environments: z.number().int().min(0).describe('Environments the project has.'),
  includedSeats: z
    .number()
    .int()
    .min(0)
    .describe('Distinct users with a project role, directly or through a team.'),
  backupsKept: z
    .number()
    .int()
    .min(0)
    .describe('Backups of the project stored now (succeeded and not deleted), against `backupRetention`.'),
});
export type PlanUsage = z.infer<typeof PlanUsageSchema>;

export const GetPlanUsage = defineRequest({
  method: 'plans/usage',
  kind: 'query',
  doc: "A project's current usage of its plan's limits: instances, environments, seats and backups kept.",
  params: z.object({ projectId: IdSchema.describe('The project\u2019s id.') }),
  result: z.object({
    usage: PlanUsageSchema.describe('How much of each limit the project uses now.'),
  }),
});
