import { PlanLimitsSchema, type PlanLimits, type PlanTier } from '@paas/protocol';
import type { Db } from './database';
import { readJson } from './json';

export interface PlanRecord {
  tier: PlanTier;
  limits: PlanLimits;
  /** Per month, in the currency's smallest unit. */
  monthlyPrice: number;
  currency: string;
  updatedAt: string;
}

interface PlanRow {
  tier: PlanTier;
  limits: string;
  monthly_price: number;
  currency: string;
  updated_at: string;
}

const toRecord = (row: PlanRow): PlanRecord => ({
  tier: row.tier,
  limits: readJson(PlanLimitsSchema, row.limits),
  monthlyPrice: row.monthly_price,
  currency: row.currency,
  updatedAt: row.updated_at,
});

/** Every plan, cheapest tier first. */
export function listPlans(db: Db): PlanRecord[] {
  const rows = db
    .prepare(
      `SELECT * FROM plans ORDER BY CASE tier WHEN 'free' THEN 0 WHEN 'essential' THEN 1 WHEN 'pro' THEN 2 ELSE 3 END`,
    )
    .all() as PlanRow[];
  return rows.map(toRecord);
}

export function findPlan(db: Db, tier: PlanTier): PlanRecord | undefined {
  const row = db.prepare('SELECT * FROM plans WHERE tier = ?').get(tier) as PlanRow | undefined;
  return row && toRecord(row);
}

export function savePlan(db: Db, plan: PlanRecord): void {
  db.prepare(
    'UPDATE plans SET limits = ?, monthly_price = ?, currency = ?, updated_at = ? WHERE tier = ?',
  ).run(JSON.stringify(plan.limits), plan.monthlyPrice, plan.currency, plan.updatedAt, plan.tier);
}
