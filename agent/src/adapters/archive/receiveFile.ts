import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AdapterError, fromFsError } from '../errors';
import { hashing } from './layout';

/**
 * Writes a stream (an upload's body, a dump read by its byte range) to a new private file (0600, never
 * over an existing one), hashing it on the way. It must be exactly `expectedBytes` long: a longer one is
 * cut off at once, a shorter one (the sender went away) fails, and either way the file is removed.
 */
export async function receiveFile(
  body: Readable,
  path: string,
  expectedBytes: number,
  signal: AbortSignal,
): Promise<{ sizeBytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let received = 0;
  async function* counted(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of source) {
      received += chunk.length;
      if (received > expectedBytes)
        throw new AdapterError(
          'ARCHIVE_CORRUPT',
          `the stream is longer than the ${expectedBytes} bytes expected`,
        );
      yield chunk;
    }
  }
  try {
    await pipeline(
      counted(hashing(body as AsyncIterable<Buffer>, hash)),
      createWriteStream(path, { flags: 'wx', mode: 0o600 }),
      { signal },
    );
    if (received !== expectedBytes)
      throw new AdapterError('ARCHIVE_CORRUPT', `received ${received} of ${expectedBytes} bytes`);
    return { sizeBytes: received, sha256: hash.digest('hex') };
  } catch (error) {
    await rm(path, { force: true });
    throw fromFsError(error, 'STORAGE_UNAVAILABLE', 'cannot store the upload');
  }
}
