import type { ServerSample } from '@paas/protocol';
import { averageServerSamples } from './aggregate';

/** How much history each resolution keeps. */
export interface HistoryLimits {
  /** Samples older than this are dropped, e.g. one hour. */
  readonly sampleWindowMs: number;
  /** And never more than this many, whatever the interval. */
  readonly maxSamples: number;
  /** Minute averages older than this are dropped, e.g. one day. */
  readonly minuteWindowMs: number;
}

export const DEFAULT_HISTORY_LIMITS: HistoryLimits = {
  sampleWindowMs: 3_600_000,
  maxSamples: 3600,
  minuteWindowMs: 86_400_000,
};

const MINUTE_MS = 60_000;

/** Drops entries from the front of an oldest-first list until `keep` holds. */
function trimFront<T>(list: T[], keep: (first: T, length: number) => boolean): void {
  let drop = 0;
  while (drop < list.length && !keep(list[drop]!, list.length - drop)) drop++;
  if (drop > 0) list.splice(0, drop);
}

/**
 * The server's recent samples (each holding every managed container, so app history is derived from it):
 * the last hour as sampled, and one average per minute for the last day. Oldest first.
 */
export class SampleHistory {
  private readonly samples: ServerSample[] = [];
  private readonly minutes: ServerSample[] = [];
  /** The samples of the minute in progress, averaged once a sample of a later minute arrives. */
  private pending: ServerSample[] = [];

  constructor(private readonly limits: HistoryLimits = DEFAULT_HISTORY_LIMITS) {}

  record(sample: ServerSample): void {
    const at = Date.parse(sample.sampledAt);
    const first = this.pending[0];
    if (first && minuteStart(first.sampledAt) !== minuteStart(sample.sampledAt)) this.closeMinute(at);
    this.pending.push(sample);
    this.samples.push(sample);
    const oldest = at - this.limits.sampleWindowMs;
    trimFront(
      this.samples,
      (s, length) => length <= this.limits.maxSamples && Date.parse(s.sampledAt) >= oldest,
    );
  }

  /** Samples taken after `since` (all when omitted), oldest first; `minute` includes the minute in progress. */
  query(resolution: 'sample' | 'minute', since?: string): ServerSample[] {
    const list = resolution === 'sample' ? this.samples : [...this.minutes, ...this.pendingAverage()];
    if (since === undefined) return [...list];
    const after = Date.parse(since);
    return list.filter((s) => Date.parse(s.sampledAt) > after);
  }

  private pendingAverage(): ServerSample[] {
    const first = this.pending[0];
    return first ? [averageServerSamples(this.pending, minuteStart(first.sampledAt))] : [];
  }

  private closeMinute(now: number): void {
    this.minutes.push(...this.pendingAverage());
    this.pending = [];
    const oldest = now - this.limits.minuteWindowMs;
    trimFront(this.minutes, (s) => Date.parse(s.sampledAt) >= oldest);
  }
}

/** The start of the minute a timestamp falls in, as an ISO string. */
export function minuteStart(iso: string): string {
  return new Date(Math.floor(Date.parse(iso) / MINUTE_MS) * MINUTE_MS).toISOString();
}
