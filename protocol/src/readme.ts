import { z } from 'zod';
import { NOTIFICATIONS, REQUESTS } from './catalog';
import { ErrorCode, PROTOCOL_VERSION } from './messages';
import { METRICS_MEANING } from './metrics';
import { assertDescribed, fieldsOf, type NamedSchema } from './fields';

/**
 * The generator refuses a field without a `.describe()` text, listing every such field
 * (`undescribedFields(PROTOCOL_MESSAGES)`): a new field is documented when it is declared.
 */
const REQUIRE_DESCRIPTIONS = true;

/** Every params and result schema of the catalog, named as the README names them. */
export const PROTOCOL_MESSAGES: readonly NamedSchema[] = [
  ...REQUESTS.flatMap((r) => [
    { name: `${r.method} params`, schema: r.params },
    { name: `${r.method} result`, schema: r.result },
  ]),
  ...NOTIFICATIONS.map((n) => ({ name: `${n.method} params`, schema: n.params })),
];

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/**
 * A table of the message's fields: name, type, required, rules, description (nested fields by dotted path).
 * It carries what the JSON Schema would (types, defaults, bounds, patterns) in one compact form.
 */
function fieldTable(title: string, schema: z.ZodType): string[] {
  const fields = fieldsOf(schema);
  if (fields.length === 0) return [`**${title}**: none.`, ''];
  return [
    `**${title}**`,
    '',
    '| field | type | required | rules | description |',
    '| --- | --- | --- | --- | --- |',
    ...fields.map(
      (f) =>
        `| \`${f.path}\` | ${f.type} | ${f.required ? 'yes' : 'no'} | ${cell(f.rules)} | ${cell(f.description ?? '')} |`,
    ),
    '',
  ];
}

/**
 * The protocol README, generated from the declarations so it cannot drift: a unit test fails when the
 * committed README differs (regenerate with `npm run protocol:readme`).
 */
export function renderReadme(): string {
  if (REQUIRE_DESCRIPTIONS) assertDescribed(PROTOCOL_MESSAGES);
  const lines = [
    '# @paas/protocol',
    '',
    '<!-- Generated from protocol/src by `npm run protocol:readme`; do not edit by hand. -->',
    '',
    `Protocol version **${PROTOCOL_VERSION}**. JSON-RPC 2.0 over WebSocket (text frames, one message per frame, no batches).`,
    'The client authenticates on the HTTP upgrade with `Authorization: Bearer <token>`; the first request must be',
    '`initialize`. Peers whose major versions differ are refused with `IncompatibleVersion`.',
    '',
    '## Error codes',
    '',
    '| code | name |',
    '| --- | --- |',
    ...Object.entries(ErrorCode).map(([name, code]) => `| ${code} | ${name} |`),
    '',
    '## Requests',
    '',
    '| method | kind | what it does |',
    '| --- | --- | --- |',
    ...REQUESTS.map((r) => `| \`${r.method}\` | ${r.kind} | ${r.doc} |`),
    '',
    '## Notifications',
    '',
    '| method | direction | what happened |',
    '| --- | --- | --- |',
    ...NOTIFICATIONS.map((n) => `| \`${n.method}\` | ${n.direction} | ${n.doc} |`),
    '',
    '## What the metrics mean',
    '',
    ...METRICS_MEANING,
    '',
    '## Schemas',
    '',
  ];
  for (const request of REQUESTS) {
    lines.push(`### \`${request.method}\``, '', request.doc, '');
    lines.push(...fieldTable('params', request.params), ...fieldTable('result', request.result));
  }
  for (const notification of NOTIFICATIONS) {
    lines.push(`### \`${notification.method}\` (notification)`, '', notification.doc, '');
    lines.push(...fieldTable('params', notification.params));
  }
  return lines.join('\n');
}
