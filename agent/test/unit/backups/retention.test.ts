import assert from 'node:assert/strict';
import type { BackupKind } from '@paas/protocol';
import { capRetention, selectForPruning, weekKey } from '../../../src/services/backups/retention';

/** One scheduled backup a day at 03:00 UTC for `days` days up to `until`. */
function daily(until: string, days: number, kind: BackupKind = 'scheduled') {
  const end = new Date(until).getTime();
  return Array.from({ length: days }, (_, i) => {
    const at = new Date(end - i * 86_400_000);
    return { id: at.toISOString().slice(0, 10), createdAt: at.toISOString(), kind };
  });
}

describe('retention (grandfather-father-son)', () => {
  it('numbers ISO weeks like the standard', () => {
    assert.equal(weekKey(new Date('2026-01-01T00:00:00Z')), '2026-W01');
    assert.equal(weekKey(new Date('2027-01-01T00:00:00Z')), '2026-W53');
    assert.equal(weekKey(new Date('2024-12-30T00:00:00Z')), '2025-W01');
  });

  it('keeps 7 daily, 4 weekly and 3 monthly out of 120 days of backups', () => {
    const backups = daily('2026-11-22T03:00:00Z', 120);
    const now = new Date('2026-11-22T12:00:00Z');
    const pruned = new Set(selectForPruning(backups, { daily: 7, weekly: 4, monthly: 3 }, now));
    const kept = backups.map((b) => b.id).filter((id) => !pruned.has(id));
    assert.deepEqual(kept, [
      '2026-11-22',
      '2026-11-21',
      '2026-11-20',
      '2026-11-19',
      '2026-11-18',
      '2026-11-17',
      '2026-11-16',
      // the newest of each of the 4 latest ISO weeks (this week's is 2026-11-22, a Sunday)
      '2026-11-15',
      '2026-11-08',
      '2026-11-01',
      // the newest of each of the 3 latest months (November's is 2026-11-22)
      '2026-10-31',
      '2026-09-30',
    ]);
  });

  it('moves with the clock: a day later the oldest daily goes', () => {
    const backups = daily('2026-11-23T03:00:00Z', 30);
    const policy = { daily: 3, weekly: 0, monthly: 0 };
    const day1 = selectForPruning(backups.slice(1), policy, new Date('2026-11-22T12:00:00Z'));
    const day2 = selectForPruning(backups, policy, new Date('2026-11-23T12:00:00Z'));
    assert.ok(!day1.includes('2026-11-20'));
    assert.ok(day2.includes('2026-11-20'));
  });

  it('never prunes the newest good backup, manual or pre-destroy ones, or future-dated ones', () => {
    const backups = [
      { id: 'manual', createdAt: '2026-01-01T00:00:00Z', kind: 'manual' as const },
      { id: 'final', createdAt: '2026-01-02T00:00:00Z', kind: 'preDestroy' as const },
      { id: 'old', createdAt: '2026-01-03T00:00:00Z', kind: 'scheduled' as const },
      { id: 'future', createdAt: '2030-01-01T00:00:00Z', kind: 'scheduled' as const },
    ];
    assert.deepEqual(
      selectForPruning(backups, { daily: 0, weekly: 0, monthly: 0 }, new Date('2026-06-01T00:00:00Z')),
      ['old'],
    );
    assert.deepEqual(
      selectForPruning([backups[2]!], { daily: 0, weekly: 0, monthly: 0 }, new Date('2026-06-01T00:00:00Z')),
      [],
    );
  });

  it('caps an environment policy by the plan', () => {
    assert.deepEqual(
      capRetention({ daily: 30, weekly: 2, monthly: 12 }, { daily: 7, weekly: 4, monthly: 3 }),
      { daily: 7, weekly: 2, monthly: 3 },
    );
  });
});
