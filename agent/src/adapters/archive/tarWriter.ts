import type { Writable } from 'node:stream';
import { Header, Pax } from 'tar';
import { AdapterError, throwIfAborted } from '../errors';

const BLOCK = 512;
const ZEROS = Buffer.alloc(BLOCK * 2);

/**
 * Writes a tar stream entry by entry with the `tar` package's header and pax encoders. We drive the
 * bytes ourselves rather than through `tar.Pack` because our entries come from a spool file, a hashing
 * tee and generated JSON, not from paths, and each entry must be fully written (with backpressure from
 * the storage) before the next starts: that is what keeps memory flat whatever the archive's size.
 */
export class TarWriter {
  private bytes = 0;

  constructor(
    private readonly out: Writable,
    private readonly signal?: AbortSignal,
  ) {}

  /** Bytes written so far, padding included. */
  get size(): number {
    return this.bytes;
  }

  /**
   * Adds a regular file of exactly `size` bytes read from `source`. A source that yields more or fewer
   * bytes is an error (the header already promised the size): `onSizeMismatch` names it. Resolves with
   * the offset of the file's first byte in the archive.
   */
  async addFile(
    path: string,
    size: number,
    mtime: Date,
    source: AsyncIterable<Buffer> | Iterable<Buffer>,
    onSizeMismatch: (actual: number) => Error,
  ): Promise<{ dataOffset: number }> {
    await this.writeHeader(path, size, mtime);
    const dataOffset = this.bytes;
    let written = 0;
    for await (const chunk of source) {
      throwIfAborted(this.signal);
      written += chunk.length;
      if (written > size) throw onSizeMismatch(written);
      await this.write(chunk);
    }
    if (written !== size) throw onSizeMismatch(written);
    const padding = (BLOCK - (size % BLOCK)) % BLOCK;
    if (padding > 0) await this.write(ZEROS.subarray(0, padding));
    return { dataOffset };
  }

  /** Adds a small in-memory file (the manifest). */
  async addBuffer(path: string, data: Buffer, mtime: Date): Promise<{ dataOffset: number }> {
    return this.addFile(path, data.length, mtime, [data], () => new Error('a buffer cannot change size'));
  }

  /** Writes the end-of-archive marker (two zero blocks). The caller ends the output stream. */
  async finish(): Promise<void> {
    await this.write(ZEROS);
  }

  private async writeHeader(path: string, size: number, mtime: Date): Promise<void> {
    const fields = { path, size, mtime, mode: 0o644, uid: 0, gid: 0, type: 'File' as const };
    const header = new Header(fields);
    // encode() returns true when the path or size does not fit the ustar fields: a pax record carries them.
    if (header.encode()) await this.write(new Pax(fields).encode());
    await this.write(header.block!);
  }

  private async write(chunk: Buffer): Promise<void> {
    if (this.out.destroyed) throw new AdapterError('STORAGE_UNAVAILABLE', 'the archive stream was closed');
    this.bytes += chunk.length;
    if (!this.out.write(chunk)) await drained(this.out, this.signal);
  }
}

/** Waits for `drain`; a stream closed or errored meanwhile (the storage failed) rejects instead of hanging. */
function drained(out: Writable, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      out.off('drain', onDrain);
      out.off('close', onClose);
      out.off('error', onClose);
      signal?.removeEventListener('abort', onAbort);
    };
    const onDrain = (): void => {
      cleanup();
      resolve();
    };
    const onClose = (): void => {
      cleanup();
      reject(new AdapterError('STORAGE_UNAVAILABLE', 'the archive stream was closed'));
    };
    const onAbort = (): void => {
      cleanup();
      reject(new AdapterError('ABORTED', 'the operation was canceled'));
    };
    out.on('drain', onDrain);
    out.on('close', onClose);
    out.on('error', onClose);
    signal?.addEventListener('abort', onAbort);
  });
}
