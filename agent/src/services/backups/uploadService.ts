import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Upload } from '@paas/protocol';
import { assertSpaceFor } from '../../adapters/archive/diskSpace';
import { receiveFile } from '../../adapters/archive/receiveFile';
import { notFound } from '../../errors';
import { newId } from '../../ids';
import { inTransaction, type Db } from '../../store/database';
import { findImportOf } from '../../store/jobs';
import {
  deleteUpload,
  findUpload,
  insertUpload,
  listExpiredUploads,
  type UploadRecord,
} from '../../store/uploads';

/** How long an upload waits for its import. */
const UPLOAD_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Files received on `PUT /uploads` (Odoo zips to import), kept in `<dataDir>/uploads` until an import uses
 * them or they expire. An upload belongs to the user who sent it: nobody else can import it.
 */
export class UploadService {
  private readonly dir: string;

  constructor(
    private readonly db: Db,
    dataDir: string,
    private readonly clock: () => Date,
  ) {
    this.dir = join(dataDir, 'uploads');
  }

  pathOf(uploadId: string): string {
    return join(this.dir, `${uploadId}.upload`);
  }

  view(record: UploadRecord): Upload {
    const { userId: _userId, ...upload } = record;
    return upload;
  }

  /** Stores a request body of `sizeBytes` for `appId`; the file and the row appear only once it is whole. */
  async receive(
    appId: string,
    userId: string,
    body: Readable,
    sizeBytes: number,
    signal: AbortSignal,
  ): Promise<UploadRecord> {
    await this.discardExpired();
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await assertSpaceFor(this.dir, sizeBytes);
    const id = newId();
    const received = await receiveFile(body, this.pathOf(id), sizeBytes, signal);
    const now = this.clock();
    const record: UploadRecord = {
      id,
      appId,
      userId,
      ...received,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + UPLOAD_TTL_MS).toISOString(),
    };
    inTransaction(this.db, () => insertUpload(this.db, record));
    return record;
  }

  /** The caller's own, unexpired upload; NotFound otherwise (another user's upload is not revealed). */
  ownedBy(uploadId: string, userId: string): UploadRecord {
    const record = findUpload(this.db, uploadId);
    if (!record || record.userId !== userId || record.expiresAt < this.clock().toISOString())
      throw notFound('upload', uploadId);
    return record;
  }

  /** The upload an import job was queued with, if it is still there. */
  get(uploadId: string): UploadRecord {
    const record = findUpload(this.db, uploadId);
    if (!record) throw notFound('upload', uploadId);
    return record;
  }

  /** Removes an upload (used, or expired). */
  async discard(uploadId: string): Promise<void> {
    inTransaction(this.db, () => deleteUpload(this.db, uploadId));
    await rm(this.pathOf(uploadId), { force: true });
  }

  async discardExpired(): Promise<void> {
    for (const expired of listExpiredUploads(this.db, this.clock().toISOString()))
      await this.discard(expired.id);
  }

  /**
   * At start: expired uploads, uploads an import already took up (the agent stopped during it: a queued
   * import keeps its upload), and files no row describes (the agent stopped mid-upload). Not while
   * running: a file being received has no row yet.
   */
  async recover(): Promise<void> {
    await this.discardExpired();
    const files = await readdir(this.dir).catch(() => [] as string[]);
    for (const file of files) {
      const id = file.replace(/\.upload$/, '');
      if (file === id || !findUpload(this.db, id)) await rm(join(this.dir, file), { force: true });
      else if ((findImportOf(this.db, id)?.state ?? 'queued') !== 'queued') await this.discard(id);
    }
  }
}
