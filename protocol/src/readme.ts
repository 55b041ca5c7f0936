import { z } from 'zod';
import { NOTIFICATIONS, REQUESTS } from './catalog';
import { ErrorCode, PROTOCOL_VERSION } from './messages';
import { METRICS_MEANING } from './metrics';

function schemaOf(type: z.ZodType): string {
  return JSON.stringify(z.toJSONSchema(type, { io: 'input', unrepresentable: 'any' }), null, 2);
}

function details(summary: string, schema: z.ZodType): string[] {
  return [
    '<details><summary>' + summary + '</summary>',
    '',
    '```json',
    schemaOf(schema),
    '```',
    '',
    '</details>',
    '',
  ];
}

/**
 * The protocol README, generated from the declarations so it cannot drift: a unit test fails when the
 * committed README differs (regenerate with `npm run protocol:readme`).
 */
export function renderReadme(): string {
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
    lines.push(...details('params', request.params), ...details('result', request.result));
  }
  for (const notification of NOTIFICATIONS) {
    lines.push(`### \`${notification.method}\` (notification)`, '', notification.doc, '');
    lines.push(...details('params', notification.params));
  }
  return lines.join('\n');
}
