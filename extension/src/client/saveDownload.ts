import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { TransferErrorCode, TransferFailure, type OpenDownload } from './transfers';

/**
 * Streams a download into `file`. The bytes go to `<file>.part` first and are renamed only once all of
 * them arrived, so a cancelled or broken transfer never leaves something that looks like a whole backup;
 * the partial file is removed. Resolves with the number of bytes saved.
 */
export async function saveDownload(
  download: OpenDownload,
  file: string,
  options: { signal?: AbortSignal; onProgress?: (receivedBytes: number) => void } = {},
): Promise<number> {
  const partial = `${file}.part`;
  let received = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      options.onProgress?.(received);
      done(null, chunk);
    },
  });
  try {
    await pipeline(download.body, counter, createWriteStream(partial), { signal: options.signal });
    if (download.sizeBytes !== undefined && received !== download.sizeBytes)
      throw new TransferFailure(
        TransferErrorCode.Failed,
        `the archive ended after ${received} of ${download.sizeBytes} bytes`,
      );
    await rename(partial, file);
    return received;
  } catch (error) {
    download.body.destroy();
    await rm(partial, { force: true });
    if (error instanceof TransferFailure) throw error;
    if (options.signal?.aborted)
      throw new TransferFailure(TransferErrorCode.Aborted, 'cancelled', { cause: error });
    const text = error instanceof Error ? error.message : String(error);
    throw new TransferFailure(TransferErrorCode.Failed, `the download failed: ${text}`, { cause: error });
  }
}
