import { randomBytes } from 'node:crypto';

/** Every name the kit makes starts with this, so leftovers of a crashed run can be found. */
export const TEST_NAME_PREFIX = 'paastest_';

/** Label put on test containers and volumes; its value is the run id. */
export const TEST_LABEL = 'paas.test';

/**
 * Identifies this test process. Lowercase base-36 time plus random hex: short,
 * unique across parallel runs, and valid in every name below.
 */
export const RUN_ID: string =
  process.env['PAAS_TEST_RUN_ID'] ?? `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;

// PostgreSQL truncates identifiers to 63 bytes; Docker accepts longer names,
// so 63 is the shared limit.
const MAX_NAME_LENGTH = 63;

let counter = 0;

/**
 * Lowercases and keeps only [a-z0-9_], the intersection of what Docker
 * (container, volume, network names) and unquoted PostgreSQL identifiers allow;
 * runs of anything else become one underscore. Never empty, never starts with a digit.
 */
export function sanitizeName(raw: string): string {
  const cleaned = raw
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (cleaned === '') return 'x';
  return /^[0-9]/.test(cleaned) ? `x${cleaned}` : cleaned;
}

/**
 * A name unique to this process: `paastest_<prefix>_<run id>_<n>`. The prefix
 * is cut, never the unique suffix, when the whole would pass 63 characters.
 */
export function uniqueName(prefix: string, runId: string = RUN_ID): string {
  counter += 1;
  const suffix = `_${sanitizeName(runId)}_${counter}`;
  const room = MAX_NAME_LENGTH - TEST_NAME_PREFIX.length - suffix.length;
  const head = sanitizeName(prefix).slice(0, Math.max(room, 1)).replace(/_+$/, '');
  return `${TEST_NAME_PREFIX}${head}${suffix}`;
}

/** Labels for Docker objects a test creates, for removeTestContainers(). */
export function testLabels(runId: string = RUN_ID): Record<string, string> {
  return { [TEST_LABEL]: runId };
}
