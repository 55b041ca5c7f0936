import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { fromFsError } from '../errors';

/** Removes a staging or superseded directory; a missing one is fine. */
export async function removeTree(path: string): Promise<void> {
  await rm(path, { recursive: true, force: true });
}

/** A fresh, private work directory: whatever a crashed earlier run left there is removed first. */
export async function freshWorkDir(path: string): Promise<void> {
  try {
    await rm(path, { recursive: true, force: true });
    await mkdir(path, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw fromFsError(error, 'STORAGE_UNAVAILABLE', `cannot create work directory ${path}`);
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * Puts `staged` in the place of `live` with two renames (same file system: both live in the agent's data
 * directory), keeping the previous content at `previous` so the swap can be undone. Returns the undo.
 */
export async function swapDirectory(
  live: string,
  staged: string,
  previous: string,
): Promise<() => Promise<void>> {
  const hadLive = await exists(live);
  try {
    if (hadLive) await rename(live, previous);
    await rename(staged, live);
  } catch (error) {
    if (hadLive && !(await exists(live))) await rename(previous, live).catch(() => undefined);
    throw fromFsError(error, 'STORAGE_UNAVAILABLE', `cannot put the restored filestore in place of ${live}`);
  }
  return async () => {
    await rm(live, { recursive: true, force: true });
    if (hadLive) await rename(previous, live);
  };
}
