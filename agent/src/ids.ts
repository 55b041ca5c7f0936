import { randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A random id of lowercase letters and digits, safe in names, paths and URLs. */
export function newId(length = 12): string {
  const bytes = randomBytes(length);
  let id = '';
  // 252 is the largest multiple of 36 below 256: rejecting higher bytes keeps every character equally likely.
  for (let i = 0; id.length < length; i++) {
    const byte = i < bytes.length ? bytes[i]! : randomBytes(1)[0]!;
    if (byte < 252) id += ALPHABET[byte % 36];
  }
  return id;
}

/** The last millisecond formatted and its text: many calls land in one millisecond under load. */
let formattedAt = Number.NaN;
let formatted = '';

/** Now, as the ISO 8601 UTC string the store and the protocol use. */
export function nowIso(): string {
  const now = Date.now();
  if (now !== formattedAt) {
    formattedAt = now;
    formatted = new Date(now).toISOString();
  }
  return formatted;
}
