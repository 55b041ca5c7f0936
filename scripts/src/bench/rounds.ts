import type { BenchResult } from './result';

/** One measure over every round: what the table prints and the verdict reads. */
export interface RepeatedResult extends BenchResult {
  /** The figure the aim is about (the ratio when there is one, else the value), over the rounds. */
  spread: { min: number; median: number; max: number; rounds: number };
  /** The aim met by the median, or not; undefined when the aim is not a threshold the bench can read. */
  met?: boolean;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Whether `figure` meets an aim written as `ratio ≥ 0.7`, `< 50 ms`, `under 300 KB`, `0`; else undefined. */
export function meetsAim(aim: string | undefined, figure: number): boolean | undefined {
  if (aim === undefined) return undefined;
  const threshold = /^(?:ratio\s*)?(≥|≤|<|>|under)\s*([\d.]+)/.exec(aim.trim());
  if (!threshold) return /^\d+(\.\d+)?$/.test(aim.trim()) ? figure === Number(aim) : undefined;
  const bound = Number(threshold[2]);
  switch (threshold[1]) {
    case '≥':
      return figure >= bound;
    case '≤':
      return figure <= bound;
    case '>':
      return figure > bound;
    default:
      return figure < bound;
  }
}

/**
 * Folds the rounds of one bench (each round's results, in the same order by name) into one result per
 * measure: the median value, baseline and ratio, the spread of the figure the aim reads, and whether the
 * median meets the aim. One noisy round can then neither pass nor fail a measure.
 */
export function foldRounds(rounds: readonly (readonly BenchResult[])[]): RepeatedResult[] {
  const byName = new Map<string, BenchResult[]>();
  for (const round of rounds)
    for (const result of round) byName.set(result.name, [...(byName.get(result.name) ?? []), result]);
  return [...byName.values()].map((all) => {
    const first = all[0]!;
    const figures = all.map((r) => r.ratio ?? r.value);
    const spread = {
      min: Math.min(...figures),
      median: median(figures),
      max: Math.max(...figures),
      rounds: all.length,
    };
    const folded: RepeatedResult = { ...first, value: median(all.map((r) => r.value)), spread };
    if (first.baseline)
      folded.baseline = { name: first.baseline.name, value: median(all.map((r) => r.baseline!.value)) };
    if (first.ratio !== undefined) folded.ratio = spread.median;
    const met = meetsAim(first.aim, spread.median);
    return met === undefined ? folded : { ...folded, met };
  });
}
