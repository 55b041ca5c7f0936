/**
 * A resource code from a display name: lowercase ASCII letters and digits joined by single hyphens,
 * starting with a letter, at most 32 characters. Accents are folded (Société → societe).
 */
export function slugify(name: string): string {
  const ascii = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const words = ascii.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  let slug = words.join('-').replace(/^[0-9-]+/, '');
  if (slug.length > 32) slug = slug.slice(0, 32).replace(/-+$/, '');
  return slug.length >= 2 ? slug : `p-${slug || 'project'}`.slice(0, 32);
}
