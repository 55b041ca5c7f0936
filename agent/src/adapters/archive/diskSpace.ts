import { statfs } from 'node:fs/promises';
import { AdapterError, fromFsError } from '../errors';

/** Space left free on the agent's disk after an upload or an extraction. */
const MARGIN_BYTES = 256 * 1024 * 1024;
/** File system blocks: a tiny file still takes one, so many small files count as more than their bytes. */
const BLOCK_BYTES = 4096;

/**
 * Refuses (`STORAGE_FULL`) before anything is written when `dir`'s file system cannot take `bytes` in
 * `files` files with room to spare: a full disk would stop the agent's own store and every backup, and a
 * zip bomb or a flood of uploads must not get there.
 */
export async function assertSpaceFor(dir: string, bytes: number, files = 1): Promise<void> {
  let disk;
  try {
    disk = await statfs(dir);
  } catch (error) {
    throw fromFsError(error, 'STORAGE_UNAVAILABLE', `cannot read free space of ${dir}`);
  }
  const free = disk.bavail * disk.bsize;
  const needed = bytes + files * BLOCK_BYTES + MARGIN_BYTES;
  if (needed > free) {
    throw new AdapterError(
      'STORAGE_FULL',
      `${bytes} bytes need more than the ${free} free on the agent's disk`,
    );
  }
  if (disk.ffree > 0 && files > disk.ffree) {
    throw new AdapterError(
      'STORAGE_FULL',
      `${files} files need more than the ${disk.ffree} free inodes on the agent's disk`,
    );
  }
}
