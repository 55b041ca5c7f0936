/** Something to undo after the tests; may be async. */
export type CleanupFn = () => unknown;

interface Entry {
  readonly name: string;
  readonly fn: CleanupFn;
}

const entries: Entry[] = [];

/**
 * Registers an undo step. Steps run last-in first-out, so a database made
 * after its role is dropped before it. Returns a function that unregisters it
 * (for a test that cleaned up by itself).
 */
export function registerCleanup(fn: CleanupFn, name = 'cleanup'): () => void {
  const entry = { name, fn };
  entries.push(entry);
  return () => {
    const index = entries.indexOf(entry);
    if (index >= 0) entries.splice(index, 1);
  };
}

/**
 * Runs every registered step, newest first, even when some fail; then throws
 * one AggregateError naming the failures.
 */
export async function runCleanups(): Promise<void> {
  const errors: Error[] = [];
  for (let entry = entries.pop(); entry; entry = entries.pop()) {
    try {
      await entry.fn();
    } catch (cause) {
      errors.push(new Error(`cleanup "${entry.name}" failed`, { cause }));
    }
  }
  if (errors.length > 0) throw new AggregateError(errors, `${errors.length} test cleanup step(s) failed`);
}

/** Number of steps still registered; a test can assert it reached zero. */
export function pendingCleanups(): number {
  return entries.length;
}

/**
 * Mocha root hook plugin: load this module with `--require` (or list it in a
 * .mocharc `require`) and cleanups run after all tests, failed ones included.
 */
export const mochaHooks = {
  async afterAll(): Promise<void> {
    await runCleanups();
  },
};
