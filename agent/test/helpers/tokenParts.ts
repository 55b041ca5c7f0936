/**
 * The parts of a `paas_<id>_<secret>` token. Split by position, not by "_": the base64url secret may itself
 * contain or start with "_".
 */
export function tokenParts(token: string): { id: string; secret: string } {
  const match = /^paas_([a-z0-9]{12})_(.+)$/.exec(token);
  if (!match) throw new Error('not a paas token');
  return { id: match[1]!, secret: match[2]! };
}
