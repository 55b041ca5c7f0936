import { strict as assert } from 'node:assert';
import { admits, lowestTierAdmitting, priceFor, type PlanLimits } from '../../src';

const limits = (overrides: Partial<PlanLimits>): PlanLimits => ({
  instances: 1,
  environments: 1,
  includedSeats: 1,
  automatedBuilds: 0,
  backupRetention: { daily: 1, weekly: 0, monthly: 0 },
  whiteLabel: false,
  ...overrides,
});

describe('protocol plans', () => {
  it('bills a year as ten months', () => {
    assert.equal(priceFor(2900, 'monthly'), 2900);
    assert.equal(priceFor(2900, 'annual'), 29000);
    assert.equal(priceFor(0, 'annual'), 0);
  });

  it('admits values up to the limit, any value when unlimited, features only when included', () => {
    assert.ok(admits(limits({ environments: 2 }), 'environments', 2));
    assert.ok(!admits(limits({ environments: 2 }), 'environments', 3));
    assert.ok(admits(limits({ automatedBuilds: null }), 'automatedBuilds', 1_000_000));
    assert.ok(!admits(limits({}), 'whiteLabel', 1));
    assert.ok(admits(limits({ whiteLabel: true }), 'whiteLabel', 1));
  });

  it('names the cheapest tier that lifts a limit, whatever order the plans come in', () => {
    const plans = [
      { tier: 'premium' as const, limits: limits({ instances: null, whiteLabel: true }) },
      { tier: 'free' as const, limits: limits({ instances: 1 }) },
      { tier: 'pro' as const, limits: limits({ instances: 10 }) },
      { tier: 'essential' as const, limits: limits({ instances: 3 }) },
    ];
    assert.equal(lowestTierAdmitting(plans, 'instances', 2), 'essential');
    assert.equal(lowestTierAdmitting(plans, 'instances', 4), 'pro');
    assert.equal(lowestTierAdmitting(plans, 'instances', 400), 'premium');
    assert.equal(lowestTierAdmitting(plans, 'whiteLabel', 1), 'premium');
    assert.equal(lowestTierAdmitting(plans, 'environments', 2), undefined);
  });
});
