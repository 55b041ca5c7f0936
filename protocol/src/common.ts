import { z } from 'zod';

/** An opaque identifier issued by the agent (a short random string). */
export const IdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an id issued by the agent');

/** An ISO 8601 UTC timestamp, e.g. `2026-11-22T12:00:00.000Z`. */
export const TimestampSchema = z.iso.datetime();

/**
 * A display name: printable, trimmed, 1–100 characters. Never used verbatim in a path, container or
 * database name (those use a {@link SlugSchema} derived from it).
 */
export const DisplayNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');

/**
 * A resource slug: lowercase letters, digits and single hyphens, starting with a letter, 2–32 characters.
 * Safe as part of a container, volume, directory or database name.
 */
export const SlugSchema = z
  .string()
  .regex(
    /^[a-z](?:[a-z0-9]|-(?=[a-z0-9])){1,31}$/,
    'must be 2–32 lowercase letters, digits or single hyphens, starting with a letter',
  );

/** A page request for paginated lists. */
export const PageParamsSchema = z.object({
  cursor: z
    .string()
    .max(200)
    .optional()
    .describe('Opaque cursor from the previous page\u2019s `nextCursor`; omit for the first page.'),
  limit: z
    .number()
    .int()
    .min(1)
    .max(500)
    .default(50)
    .describe('How many items at most; 1\u2013500, default 50.'),
});

/** An email address, compared and stored in lowercase. */
export const EmailSchema = z
  .email('must be an email address')
  .max(254)
  .transform((email) => email.toLowerCase());

/** A person as other people see them: never their tokens. */
export const UserSchema = z.object({
  id: IdSchema.describe('The user\u2019s id.'),
  email: z.string().describe('Their email address, in lowercase.'),
  displayName: z.string().describe('The name shown for them.'),
});
export type User = z.infer<typeof UserSchema>;
