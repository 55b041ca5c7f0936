import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { PLAN_TIERS, PlanLimitsSchema, PlanTierSchema, type PlanTier } from '@paas/protocol';
import { PlanService } from '../services/plans';
import { auditCli, withCommonOptions, withStore, type CommonOptions } from './options';

function parseTier(value: string): PlanTier {
  const parsed = PlanTierSchema.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError(`must be one of ${PLAN_TIERS.join(', ')}`);
  return parsed.data;
}

function parseLimits(value: string) {
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    throw new InvalidArgumentError('must be a JSON object, e.g. {"environments":2}');
  }
  const parsed = PlanLimitsSchema.partial().strict().safeParse(json);
  if (!parsed.success)
    throw new InvalidArgumentError(
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  return parsed.data;
}

function parsePrice(value: string): number {
  const price = Number(value);
  if (!Number.isInteger(price) || price < 0)
    throw new InvalidArgumentError('must be a whole number of cents');
  return price;
}

export function planCommands(program: Command): void {
  const plan = program.command('plan').description('show and edit the plans (limits and prices are data)');
  withCommonOptions(plan.command('list'))
    .description('print every plan with its limits and prices as JSON')
    .action((options: CommonOptions) => {
      const plans = withStore(options, (db) => new PlanService(db).list());
      process.stdout.write(`${JSON.stringify(plans, null, 2)}\n`);
    });
  withCommonOptions(plan.command('set'))
    .description('change a plan: limits merged over the current ones, and/or the monthly price')
    .argument('<tier>', PLAN_TIERS.join(' | '), parseTier)
    .option('--limits <json>', 'limits to change, e.g. \'{"environments":2,"whiteLabel":true}\'', parseLimits)
    .option('--monthly-price <cents>', 'the monthly price in cents (annual is ten times it)', parsePrice)
    .action(
      (
        tier: PlanTier,
        options: CommonOptions & { limits?: ReturnType<typeof parseLimits>; monthlyPrice?: number },
      ) =>
        withStore(options, (db) => {
          const updated = new PlanService(db).update(tier, {
            limits: options.limits,
            monthlyPrice: options.monthlyPrice,
          });
          auditCli(db, {
            action: 'plan/set',
            target: `plan:${tier}`,
            params: { limits: options.limits, monthlyPrice: options.monthlyPrice },
          });
          process.stdout.write(`${JSON.stringify(updated, null, 2)}\n`);
        }),
    );
}
