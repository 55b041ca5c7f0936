import type { z } from 'zod';

/** Reads a JSON column through its schema, so a row written by an older agent gets today's defaults. */
export function readJson<T extends z.ZodType>(schema: T, text: string): z.infer<T> {
  return schema.parse(JSON.parse(text));
}
