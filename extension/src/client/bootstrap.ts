import { closeSync, constants, fstatSync, openSync, readFileSync, unlinkSync } from 'node:fs';
import { z } from 'zod';

/**
 * The environment variable naming a one-time bootstrap file: scripted setups (`scripts/up.sh`) hand the
 * extension a server to add without anyone typing a token. The file is read once and deleted.
 */
export const BOOTSTRAP_ENV = 'PAAS_BOOTSTRAP_FILE';

/** Stable codes of a refused bootstrap file. */
export const BootstrapErrorCode = {
  /** A symlink, a directory or another non-regular file. */
  NotRegularFile: 'PAAS_BOOTSTRAP_NOT_REGULAR',
  /** Owned by another user: someone else could have planted it. */
  ForeignOwner: 'PAAS_BOOTSTRAP_FOREIGN_OWNER',
  /** Group or others may read or write it: the token may be known to others, so it is not used. */
  Exposed: 'PAAS_BOOTSTRAP_EXPOSED',
  /** Not the JSON described by {@link BootstrapSchema}. */
  Invalid: 'PAAS_BOOTSTRAP_INVALID',
} as const;
export type BootstrapErrorCode = (typeof BootstrapErrorCode)[keyof typeof BootstrapErrorCode];

export class BootstrapError extends Error {
  override readonly name = 'BootstrapError';
  constructor(
    readonly code: BootstrapErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * What the file holds. Only `wss://` with the certificate's fingerprint: the server is added exactly as
 * `paas.server.add` with `trust` does it, so a server presenting another certificate is refused and the
 * token is never sent to it.
 */
export const BootstrapSchema = z
  .object({
    url: z.string().regex(/^wss:\/\//, 'must be a wss:// agent address'),
    fingerprint: z
      .string()
      .regex(/^([0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2}$/, 'must be a SHA-256 fingerprint AB:CD:…'),
    token: z.string().min(1).max(4096),
    name: z.string().min(1).max(100).optional(),
  })
  .strict();
export type Bootstrap = z.infer<typeof BootstrapSchema>;

/** Checks the open file is a regular file of ours that nobody else can read; deletes an exposed one. */
function checkFile(fd: number, path: string): void {
  const stat = fstatSync(fd);
  if (!stat.isFile())
    throw new BootstrapError(BootstrapErrorCode.NotRegularFile, `${path} is not a regular file`);
  if (typeof process.getuid === 'function' && stat.uid !== process.getuid())
    throw new BootstrapError(BootstrapErrorCode.ForeignOwner, `${path} belongs to another user`);
  if ((stat.mode & 0o077) !== 0) {
    unlinkSync(path);
    throw new BootstrapError(
      BootstrapErrorCode.Exposed,
      `${path} was readable by other users (mode ${(stat.mode & 0o777).toString(8)}, needs 600); deleted unused`,
    );
  }
}

/**
 * Reads the bootstrap file at `path` and deletes it, so its token is used at most once. Resolves
 * `undefined` when there is no such file (already used). Symlinks are not followed.
 */
export function takeBootstrapFile(path: string): Bootstrap | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ELOOP')
      throw new BootstrapError(BootstrapErrorCode.NotRegularFile, `${path} is a symbolic link`);
    throw error;
  }
  let text: string;
  try {
    checkFile(fd, path);
    text = readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
  unlinkSync(path);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new BootstrapError(BootstrapErrorCode.Invalid, `${path} is not JSON`, { cause: error });
  }
  const parsed = BootstrapSchema.safeParse(json);
  if (!parsed.success)
    throw new BootstrapError(
      BootstrapErrorCode.Invalid,
      `${path}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'} ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}
