/** Reconnection delays: exponential from `baseMs`, capped at `maxMs`. */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

/**
 * The wait before reconnection attempt `attempt` (0 for the first retry), with "equal jitter": half of
 * the exponential delay is fixed and half random, so many clients dropped together do not return in step,
 * yet none hammers the agent with near-zero waits.
 */
export function reconnectDelayMs(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const exponential = policy.baseMs * 2 ** Math.min(Math.max(attempt, 0), 30);
  const capped = Math.min(policy.maxMs, exponential);
  return Math.round(capped / 2 + random() * (capped / 2));
}
