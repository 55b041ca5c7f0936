import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The agent's release version, from its package.json (one source of truth). */
export const AGENT_VERSION: string = (
  JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }
).version;
