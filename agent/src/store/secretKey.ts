import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { SECRET_KEY_BYTES, SecretKeyError } from './secretBox';

/**
 * Reads the store's secret key (base64 of 32 random bytes, one line), or creates it (mode 0600) when
 * `mayCreate`: only a store that holds no sealed secret yet may get a new key, since a new key cannot
 * open what an old one sealed.
 */
export function loadSecretKey(path: string, mayCreate: boolean): Buffer {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new SecretKeyError('SECRET_KEY_INVALID', `cannot read the secret key file ${path}`, {
        cause: error,
      });
    }
    if (!mayCreate) {
      throw new SecretKeyError(
        'SECRET_KEY_MISSING',
        `the secret key file ${path} is missing, but the store holds secrets sealed with it: ` +
          'put the key file back (from the backup taken with the store) or set secretKeyFile to it',
      );
    }
    const key = randomBytes(SECRET_KEY_BYTES);
    // 'wx': never overwrite a key another process wrote meanwhile.
    writeFileSync(path, `${key.toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
    return key;
  }
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== SECRET_KEY_BYTES || key.toString('base64') !== text.trim()) {
    throw new SecretKeyError(
      'SECRET_KEY_INVALID',
      `the secret key file ${path} does not hold a base64 key of ${SECRET_KEY_BYTES} bytes`,
    );
  }
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  return key;
}
