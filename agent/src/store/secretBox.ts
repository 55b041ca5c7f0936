import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Sealed values start with their format's version, so the format can change and old values still open. */
const VERSION = 'v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const SECRET_KEY_BYTES = 32;

/** Why the store's secrets cannot be used; the agent refuses to start rather than read garbage. */
export type SecretKeyErrorCode =
  'SECRET_KEY_MISSING' | 'SECRET_KEY_INVALID' | 'SECRET_KEY_MISMATCH' | 'SECRET_UNREADABLE';

export class SecretKeyError extends Error {
  override readonly name = 'SecretKeyError';
  constructor(
    readonly code: SecretKeyErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * Seals the store's secrets (database passwords, registry credentials, storage keys) with AES-256-GCM:
 * `v1:` + base64(12-byte random IV | 16-byte auth tag | ciphertext). The tag makes a wrong key or a
 * changed value fail loudly instead of decrypting to garbage.
 */
export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== SECRET_KEY_BYTES) {
      throw new SecretKeyError('SECRET_KEY_INVALID', `a secret key has ${SECRET_KEY_BYTES} bytes`);
    }
  }

  seal(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return VERSION + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  open(sealed: string): string {
    if (!SecretBox.isSealed(sealed)) {
      throw new SecretKeyError('SECRET_UNREADABLE', 'a stored secret is not in a known sealed format');
    }
    const raw = Buffer.from(sealed.slice(VERSION.length), 'base64');
    if (raw.length < IV_BYTES + TAG_BYTES) {
      throw new SecretKeyError('SECRET_UNREADABLE', 'a stored secret is truncated');
    }
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
        'utf8',
      );
    } catch (error) {
      throw new SecretKeyError(
        'SECRET_KEY_MISMATCH',
        'a stored secret does not open with this secret key (another key, or the value was changed)',
        { cause: error },
      );
    }
  }

  static isSealed(value: string): boolean {
    return value.startsWith(VERSION);
  }
}
