import { z } from 'zod';

/** JSON Schema as `z.toJSONSchema` writes it; only the keywords the field table reads. */
interface JsonSchema {
  type?: string | string[];
  format?: string;
  description?: string;
  default?: unknown;
  const?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
}

/** One field of a message, as the generated README lists it. */
export interface Field {
  /** Dotted path from the message root: `[]` steps into array items, `{}` into record values. */
  readonly path: string;
  readonly type: string;
  readonly required: boolean;
  readonly description: string | undefined;
  /** What the schema enforces beyond the type (default, bounds, lengths, pattern), e.g. `default 50; 1–500`. */
  readonly rules: string;
}

/** The JSON Schema the README shows for a message: what a sender writes (defaults may be left out). */
export function jsonSchemaOf(type: z.ZodType): JsonSchema {
  return z.toJSONSchema(type, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

function alternatives(schema: JsonSchema): JsonSchema[] {
  return [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])];
}

function typeOf(schema: JsonSchema): string {
  if (schema.$ref !== undefined) return 'object';
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum !== undefined) return schema.enum.map((value) => JSON.stringify(value)).join(' \\| ');
  const options = alternatives(schema);
  if (options.length > 0) return [...new Set(options.map(typeOf))].join(' \\| ');
  if (schema.type === 'array') return (schema.items ? typeOf(schema.items) : 'any') + '[]';
  if (
    schema.type === 'object' &&
    schema.properties === undefined &&
    typeof schema.additionalProperties === 'object'
  ) {
    return 'record of ' + typeOf(schema.additionalProperties);
  }
  const base = Array.isArray(schema.type) ? schema.type.join(' \\| ') : (schema.type ?? 'any');
  return schema.format === undefined ? base : `${base} (${schema.format})`;
}

/** Its own description, else (for `.nullable()` around a described schema) the one of the value it wraps. */
function descriptionOf(schema: JsonSchema): string | undefined {
  return (
    schema.description ?? alternatives(schema).find((option) => option.description !== undefined)?.description
  );
}

/** `.int()` bounds every integer by the safe range: no rule a sender needs to read. */
function bound(value: number | undefined): number | undefined {
  return value === undefined || Math.abs(value) === Number.MAX_SAFE_INTEGER ? undefined : value;
}

function range(lowest: number | undefined, highest: number | undefined, unit: string): string | undefined {
  const low = bound(lowest);
  const high = bound(highest);
  if (low === undefined && high === undefined) return undefined;
  if (low === undefined) return `≤ ${high}${unit}`;
  if (high === undefined) return `≥ ${low}${unit}`;
  return low === high ? `exactly ${low}${unit}` : `${low}–${high}${unit}`;
}

/** The value-level constraints of a field: what a sender must respect besides the type. */
function rulesOf(schema: JsonSchema): string {
  // A nullable or optional field carries its constraints on the non-null alternative.
  const own = alternatives(schema).find((option) => option.type !== 'null') ?? schema;
  const rules = [
    schema.default === undefined ? undefined : `default \`${JSON.stringify(schema.default)}\``,
    range(own.minimum, own.maximum, ''),
    range(own.minLength, own.maxLength, ' chars'),
    range(own.minItems, own.maxItems, ' items'),
    // A format (`date-time`, `email`) is already in the type column and says more than its long pattern.
    own.pattern === undefined || own.format !== undefined ? undefined : `pattern \`${own.pattern}\``,
  ];
  return rules.filter((rule) => rule !== undefined).join('; ');
}

/** Every named property reachable from `schema`, depth first, each with its own path. */
function collect(schema: JsonSchema, prefix: string, out: Field[]): void {
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const path = prefix === '' ? name : `${prefix}.${name}`;
    out.push({
      path,
      type: typeOf(property),
      required: schema.required?.includes(name) ?? false,
      description: descriptionOf(property),
      rules: rulesOf(property),
    });
    collect(property, path, out);
  }
  if (schema.items !== undefined) collect(schema.items, prefix + '[]', out);
  if (typeof schema.additionalProperties === 'object')
    collect(schema.additionalProperties, prefix + '{}', out);
  // Union members share the parent's path; a field present in several members is listed once per member.
  for (const option of alternatives(schema)) collect(option, prefix, out);
}

/** The fields of one message schema, for the README's field tables. */
export function fieldsOf(type: z.ZodType): Field[] {
  const out: Field[] = [];
  collect(jsonSchemaOf(type), '', out);
  const seen = new Set<string>();
  return out.filter((field) => {
    const key = `${field.path}\u0000${field.type}\u0000${field.description ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A message schema under the name the README gives it, e.g. `backups/restore params`. */
export interface NamedSchema {
  readonly name: string;
  readonly schema: z.ZodType;
}

/** `name: path` of every field without a `.describe()` text, in declaration order. */
export function undescribedFields(messages: readonly NamedSchema[]): string[] {
  return messages.flatMap(({ name, schema }) =>
    fieldsOf(schema)
      .filter((field) => field.description === undefined || field.description.trim() === '')
      .map((field) => `${name}: ${field.path}`),
  );
}

/** Thrown by the README generator when a field has no description; lists every such field. */
export class UndescribedFieldsError extends Error {
  constructor(readonly paths: readonly string[]) {
    super(`${paths.length} protocol field(s) have no .describe() text:\n  ${paths.join('\n  ')}`);
    this.name = 'UndescribedFieldsError';
  }
}

/** Fails with every undescribed field at once, so one run shows all that is left to write. */
export function assertDescribed(messages: readonly NamedSchema[]): void {
  const paths = undescribedFields(messages);
  if (paths.length > 0) throw new UndescribedFieldsError(paths);
}
