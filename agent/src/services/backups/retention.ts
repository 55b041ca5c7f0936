import type { BackupKind, Retention } from '@paas/protocol';

/** A backup as retention sees it. */
export interface RetainedBackup {
  id: string;
  createdAt: string;
  kind: BackupKind;
}

/**
 * Kinds retention prunes: those the agent takes by itself. Manual and pre-destroy backups are
 * someone's deliberate act and go only when an admin deletes them.
 */
export const PRUNABLE_KINDS: ReadonlySet<BackupKind> = new Set(['scheduled', 'preUpdate', 'preRestore']);

/** The smaller of each count: an environment's policy capped by its project's plan. */
export function capRetention(policy: Retention, plan: Retention): Retention {
  return {
    daily: Math.min(policy.daily, plan.daily),
    weekly: Math.min(policy.weekly, plan.weekly),
    monthly: Math.min(policy.monthly, plan.monthly),
  };
}

const dayKey = (d: Date): string => d.toISOString().slice(0, 10);
const monthKey = (d: Date): string => d.toISOString().slice(0, 7);

/** ISO 8601 week (`2026-W47`), in UTC: weeks start on Monday and belong to the year of their Thursday. */
export function weekKey(d: Date): string {
  const thursday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  thursday.setUTCDate(thursday.getUTCDate() + 3 - ((thursday.getUTCDay() + 6) % 7));
  const firstThursday = new Date(Date.UTC(thursday.getUTCFullYear(), 0, 4));
  const week =
    1 +
    Math.round(
      (thursday.getTime() - firstThursday.getTime()) / 604_800_000 -
        (3 - ((firstThursday.getUTCDay() + 6) % 7)) / 7,
    );
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** Keeps the newest backup of each of the `count` most recent periods that have one. */
function keepPerPeriod(
  newestFirst: readonly RetainedBackup[],
  count: number,
  key: (d: Date) => string,
  keep: Set<string>,
): void {
  const seen = new Set<string>();
  for (const backup of newestFirst) {
    if (seen.size >= count) return;
    const period = key(new Date(backup.createdAt));
    if (seen.has(period)) continue;
    seen.add(period);
    keep.add(backup.id);
  }
}

/**
 * Grandfather-father-son: the newest backup of each of the last `daily` days, `weekly` ISO weeks and
 * `monthly` months that have backups (restic's `--keep-daily/weekly/monthly`). Pure: `now` is the
 * caller's clock. Returns the ids to prune, never the newest good backup, never one of a kind that is
 * not prunable, and never one dated after `now` (a clock that went backwards cannot place it).
 */
export function selectForPruning(
  succeeded: readonly RetainedBackup[],
  policy: Retention,
  now: Date,
): string[] {
  const newestFirst = [...succeeded].sort((a, b) =>
    a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0,
  );
  const keep = new Set<string>();
  if (newestFirst[0]) keep.add(newestFirst[0].id);
  const prunable = newestFirst.filter((b) => PRUNABLE_KINDS.has(b.kind));
  keepPerPeriod(prunable, policy.daily, dayKey, keep);
  keepPerPeriod(prunable, policy.weekly, weekKey, keep);
  keepPerPeriod(prunable, policy.monthly, monthKey, keep);
  return prunable.filter((b) => !keep.has(b.id) && new Date(b.createdAt) <= now).map((b) => b.id);
}
