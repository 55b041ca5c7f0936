import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Paths pino blanks out wherever they appear, so a secret handed to a log call by mistake never reaches
 * the output. Secrets are also kept out of log calls in the first place; this is the second fence.
 */
const REDACTED_PATHS = [
  'token',
  'password',
  'secret',
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
  '*.token',
  '*.password',
  '*.secret',
  '*.authorization',
  'params.*.password',
  'params.*.token',
  'invitationCode',
  '*.invitationCode',
  'params.*.invitationCode',
];

/**
 * The agent's one structured logger; components take a child with `{ component }`. It writes to stdout
 * synchronously by default, so the last line before the process dies (processDeath.ts) is never lost.
 */
export function createLogger(
  level: string,
  destination: pino.DestinationStream = pino.destination({ dest: 1, sync: true }),
): Logger {
  return pino(
    {
      level,
      base: { name: 'paas-agent' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
