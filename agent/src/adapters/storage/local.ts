import { createReadStream, createWriteStream } from 'node:fs';
import { access, constants, mkdir, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AdapterError, fromFsError } from '../errors';
import { newId } from '../../ids';
import {
  assertSafeKey,
  partialKey,
  readStreamBounds,
  type BackupStorage,
  type ByteRange,
  type StoredObject,
} from './storage';

/** A directory on the agent's machine (by default `<dataDir>/backups`). */
export class LocalStorage implements BackupStorage {
  constructor(private readonly root: string) {}

  private path(key: string): string {
    assertSafeKey(key);
    return join(this.root, ...key.split('/'));
  }

  async put(key: string, source: Readable, signal?: AbortSignal): Promise<{ size: number }> {
    const target = this.path(key);
    const partial = this.path(partialKey(key, newId(8)));
    let size = 0;
    try {
      await mkdir(dirname(target), { recursive: true, mode: 0o700 });
      const counter = async function* (chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
        for await (const chunk of chunks) {
          size += chunk.length;
          yield chunk;
        }
      };
      await pipeline(source, counter, createWriteStream(partial, { flags: 'wx', mode: 0o600 }), { signal });
      await rename(partial, target);
      return { size };
    } catch (error) {
      source.destroy();
      await rm(partial, { force: true }).catch(() => undefined);
      throw fromFsError(error, 'STORAGE_UNAVAILABLE', `cannot write ${key} to local storage`);
    }
  }

  async get(key: string, _signal?: AbortSignal, range?: ByteRange): Promise<Readable> {
    const path = this.path(key);
    if (!(await this.stat(key))) throw new AdapterError('STORAGE_NOT_FOUND', `${key} is not in the storage`);
    return createReadStream(path, { highWaterMark: 1 << 20, ...readStreamBounds(range) });
  }

  async stat(key: string): Promise<StoredObject | undefined> {
    try {
      const info = await stat(this.path(key));
      return info.isFile() ? { key, size: info.size, modifiedAt: info.mtime } : undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw fromFsError(error, 'STORAGE_UNAVAILABLE', `cannot read ${key}`);
    }
  }

  async delete(key: string): Promise<void> {
    await unlink(this.path(key)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw fromFsError(error, 'STORAGE_UNAVAILABLE', `cannot delete ${key}`);
    });
  }

  async list(prefix: string): Promise<StoredObject[]> {
    const base = prefix === '' ? this.root : this.path(prefix.replace(/\/$/, ''));
    const entries = await readdir(base, { recursive: true, withFileTypes: true }).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return [];
        throw fromFsError(error, 'STORAGE_UNAVAILABLE', 'cannot list local storage');
      },
    );
    const objects: StoredObject[] = [];
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const key = relative(this.root, join(entry.parentPath, entry.name)).split(sep).join('/');
      const info = await stat(join(entry.parentPath, entry.name));
      objects.push({ key, size: info.size, modifiedAt: info.mtime });
    }
    return objects;
  }

  async check(): Promise<void> {
    const probe = `.probe-${newId(8)}`;
    try {
      await mkdir(this.root, { recursive: true, mode: 0o700 });
      await pipeline([Buffer.from('ok')], createWriteStream(join(this.root, probe), { flags: 'wx' }));
      await unlink(join(this.root, probe));
    } catch (error) {
      throw fromFsError(error, 'STORAGE_UNAVAILABLE', `local storage ${this.root} is not writable`);
    }
  }

  /** Asks the file system only: the directory (or, until the first backup makes it, its nearest parent). */
  async probe(): Promise<void> {
    let dir = this.root;
    try {
      for (;;) {
        const info = await stat(dir).catch((error: NodeJS.ErrnoException) => {
          if (error.code === 'ENOENT' && dirname(dir) !== dir) return undefined;
          throw error;
        });
        if (info) {
          if (!info.isDirectory())
            throw new AdapterError(
              'STORAGE_UNAVAILABLE',
              `local storage ${this.root}: ${dir} is not a directory`,
            );
          break;
        }
        dir = dirname(dir);
      }
      await access(dir, constants.W_OK | constants.X_OK);
    } catch (error) {
      throw fromFsError(error, 'STORAGE_UNAVAILABLE', `local storage ${this.root} is not writable`);
    }
  }
}
