import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client, type SFTPWrapper } from 'ssh2';
import { AdapterError } from '../errors';
import { newId } from '../../ids';
import {
  assertSafeKey,
  partialKey,
  readStreamBounds,
  type BackupStorage,
  type ByteRange,
  type StoredObject,
} from './storage';

/** Where an SFTP storage box is and which directory holds the backups. */
export interface SftpConfig {
  host: string;
  port: number;
  username: string;
  /** Directory on the server (absolute, or relative to the login directory). */
  root: string;
  /** The server's host key fingerprint, `SHA256:<base64>` as `ssh-keygen -l` prints it. */
  hostKeySha256: string;
}

/** The secret half, stored apart from the config and never returned. */
export type SftpSecret = { password: string } | { privateKey: string; passphrase?: string };

const SSH_FX_NO_SUCH_FILE = 2;

/** The OpenSSH-style fingerprint of a raw host key. */
export function fingerprintOf(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

function unavailable(what: string, error: unknown): AdapterError {
  if (error instanceof AdapterError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new AdapterError('STORAGE_UNAVAILABLE', `${what}: ${detail}`, { cause: error });
}

/**
 * Connects and returns the SFTP session. `expectedHostKey` pins the server; without it (first contact)
 * any key is accepted and reported through `seenHostKey`, so the agent can store it.
 */
function connect(
  config: Omit<SftpConfig, 'hostKeySha256'> & { hostKeySha256?: string },
  secret: SftpSecret,
  seenHostKey?: (fingerprint: string) => void,
): Promise<{ client: Client; sftp: SFTPWrapper }> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    const where = `${config.host}:${config.port}`;
    // ssh2 reports a refused host key as "Host denied": name both keys, so nobody hunts a network fault.
    let refusedKey: string | undefined;
    client.once('error', (error) =>
      reject(
        refusedKey
          ? new AdapterError(
              'STORAGE_UNAVAILABLE',
              `SFTP storage ${where} presented host key ${refusedKey}, not the pinned ${config.hostKeySha256}`,
              { cause: error },
            )
          : unavailable(`cannot reach SFTP storage ${where}`, error),
      ),
    );
    client.once('ready', () => {
      client.sftp((error, sftp) => {
        if (error) {
          client.end();
          reject(unavailable('the server refused the SFTP subsystem', error));
        } else resolve({ client, sftp });
      });
    });
    try {
      client.connect({
        host: config.host,
        port: config.port,
        username: config.username,
        ...secret,
        readyTimeout: 15_000,
        hostVerifier: (key: Buffer) => {
          const fingerprint = fingerprintOf(key);
          seenHostKey?.(fingerprint);
          const pinned = config.hostKeySha256 === undefined || config.hostKeySha256 === fingerprint;
          if (!pinned) refusedKey = fingerprint;
          return pinned;
        },
      });
    } catch (error) {
      // ssh2 parses the private key synchronously: a wrong passphrase or a malformed key throws here.
      reject(unavailable(`cannot use the private key for SFTP storage ${where}`, error));
    }
  });
}

/** Learns a server's host key fingerprint (first contact), checking the credentials at the same time. */
export async function probeHostKey(
  config: Omit<SftpConfig, 'hostKeySha256'>,
  secret: SftpSecret,
): Promise<string> {
  let seen: string | undefined;
  const { client } = await connect(config, secret, (fingerprint) => (seen = fingerprint));
  client.end();
  if (!seen) throw new AdapterError('STORAGE_UNAVAILABLE', 'the server sent no host key');
  return seen;
}

function call<T>(run: (done: (error: Error | null | undefined, value?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) =>
    run((error, value) => (error ? reject(error) : resolve(value as T))),
  );
}

const isMissing = (error: unknown): boolean =>
  (error as { code?: number } | undefined)?.code === SSH_FX_NO_SUCH_FILE;

/** An SFTP "storage box": archives are written under `root` over one connection per operation. */
export class SftpStorage implements BackupStorage {
  constructor(
    private readonly config: SftpConfig,
    private readonly secret: SftpSecret,
  ) {}

  private path(key: string): string {
    assertSafeKey(key);
    return posix.join(this.config.root, key);
  }

  private async session<T>(work: (sftp: SFTPWrapper) => Promise<T>): Promise<T> {
    const { client, sftp } = await connect(this.config, this.secret);
    try {
      return await work(sftp);
    } finally {
      client.end();
    }
  }

  async put(key: string, source: Readable, signal?: AbortSignal): Promise<{ size: number }> {
    const target = this.path(key);
    const partial = this.path(partialKey(key, newId(8)));
    return this.session(async (sftp) => {
      let size = 0;
      try {
        await mkdirs(sftp, posix.dirname(target));
        const counter = async function* (chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
          for await (const chunk of chunks) {
            size += chunk.length;
            yield chunk;
          }
        };
        await pipeline(source, counter, sftp.createWriteStream(partial, { flags: 'w', mode: 0o600 }), {
          signal,
        });
        await call<void>((done) => sftp.rename(partial, target, done));
        return { size };
      } catch (error) {
        source.destroy();
        await call<void>((done) => sftp.unlink(partial, done)).catch(() => undefined);
        if ((error as Error).name === 'AbortError')
          throw new AdapterError('ABORTED', 'the upload was canceled');
        throw unavailable(`cannot write ${key} to SFTP storage`, error);
      }
    });
  }

  async get(key: string, _signal?: AbortSignal, range?: ByteRange): Promise<Readable> {
    const { client, sftp } = await connect(this.config, this.secret);
    try {
      await call((done) => sftp.stat(this.path(key), done));
    } catch (error) {
      client.end();
      if (isMissing(error)) throw new AdapterError('STORAGE_NOT_FOUND', `${key} is not in the storage`);
      throw unavailable(`cannot read ${key}`, error);
    }
    const stream = sftp.createReadStream(this.path(key), readStreamBounds(range));
    stream.once('close', () => client.end());
    // A dropped connection ends the session: make the reader see an error rather than a short stream.
    client.once('close', () => {
      if (!stream.readableEnded)
        stream.destroy(new AdapterError('STORAGE_UNAVAILABLE', `connection lost reading ${key}`));
    });
    return stream;
  }

  async stat(key: string): Promise<StoredObject | undefined> {
    return this.session(async (sftp) => {
      try {
        const info = await call<{ size: number; mtime: number }>((done) => sftp.stat(this.path(key), done));
        return { key, size: info.size, modifiedAt: new Date(info.mtime * 1000) };
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw unavailable(`cannot stat ${key}`, error);
      }
    });
  }

  async delete(key: string): Promise<void> {
    await this.session(async (sftp) => {
      await call<void>((done) => sftp.unlink(this.path(key), done)).catch((error: unknown) => {
        if (!isMissing(error)) throw unavailable(`cannot delete ${key}`, error);
      });
    });
  }

  async list(prefix: string): Promise<StoredObject[]> {
    return this.session(async (sftp) => {
      const objects: StoredObject[] = [];
      await walk(sftp, this.config.root, prefix.replace(/\/$/, ''), objects);
      return objects;
    });
  }

  async check(): Promise<void> {
    const probe = `.probe-${newId(8)}`;
    await this.put(probe, Readable.from([Buffer.from('ok')]));
    await this.delete(probe);
  }

  /** Logs in (host key pinned), finds the root directory, and writes and removes a probe in it. */
  async probe(): Promise<void> {
    const { root } = this.config;
    await this.session(async (sftp) => {
      const info = await call<{ isDirectory(): boolean }>((done) => sftp.stat(root, done)).catch(
        (error: unknown) => {
          throw unavailable(
            isMissing(error) ? `directory ${root} does not exist on the server` : `cannot read ${root}`,
            error,
          );
        },
      );
      if (!info.isDirectory()) throw new AdapterError('STORAGE_UNAVAILABLE', `${root} is not a directory`);
    });
    await this.check();
  }
}

/** `mkdir -p` over SFTP: creates each missing level, tolerating those that exist. */
async function mkdirs(sftp: SFTPWrapper, dir: string): Promise<void> {
  const parts = dir.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const path = parts.slice(0, i).join('/');
    if (path === '' || path === '.') continue;
    await call<void>((done) => sftp.mkdir(path, { mode: 0o700 }, done)).catch(async (error: unknown) => {
      const exists = await call((done) => sftp.stat(path, done)).then(
        () => true,
        () => false,
      );
      if (!exists) throw error;
    });
  }
}

async function walk(sftp: SFTPWrapper, root: string, relative: string, into: StoredObject[]): Promise<void> {
  const dir = relative === '' ? root : posix.join(root, relative);
  const entries = await call<
    { filename: string; attrs: { size: number; mtime: number; isDirectory(): boolean; isFile(): boolean } }[]
  >((done) => sftp.readdir(dir, done)).catch((error: unknown) => {
    if (isMissing(error)) return [];
    throw unavailable(`cannot list ${dir}`, error);
  });
  for (const entry of entries) {
    const key = relative === '' ? entry.filename : `${relative}/${entry.filename}`;
    if (entry.attrs.isDirectory()) await walk(sftp, root, key, into);
    else if (entry.attrs.isFile())
      into.push({ key, size: entry.attrs.size, modifiedAt: new Date(entry.attrs.mtime * 1000) });
  }
}
