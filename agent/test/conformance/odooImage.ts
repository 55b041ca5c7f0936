import {
  buildStandinImage,
  httpRequest,
  STANDIN_IMAGE,
  withAdminClient,
} from '@paas/scripts/out/src/testkit/index.js';

/**
 * The image the conformance suite runs on: `PAAS_TEST_ODOO_IMAGE` (an official `odoo:17.0`, `18.0`,
 * `19.0` or an image built from them), else the stand-in. Its series comes from `PAAS_TEST_ODOO_SERIES`,
 * else from the tag (`odoo:18.0` → `18.0`), else 17.0.
 */
export const ODOO_IMAGE = process.env['PAAS_TEST_ODOO_IMAGE'] || STANDIN_IMAGE;
export const ODOO_SERIES =
  process.env['PAAS_TEST_ODOO_SERIES'] || /:(\d+\.\d)(?:\b|$)/.exec(ODOO_IMAGE)?.[1] || '17.0';

/** Builds the stand-in when it is the image under test; a real image must already be on this machine. */
export async function prepareImage(): Promise<void> {
  if (ODOO_IMAGE === STANDIN_IMAGE) await buildStandinImage('17.0');
}

/** Runs one query in an app's database as the admin; rows as objects. */
export async function query<T = Record<string, unknown>>(
  database: string,
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  return withAdminClient(async (client) => (await client.query(text, values)).rows as T[], database);
}

/** `ir_module_module`'s row of a module (state and installed version), as any Odoo database has it. */
export async function moduleRow(
  database: string,
  name: string,
): Promise<{ state: string; latest_version: string | null } | undefined> {
  const rows = await query<{ state: string; latest_version: string | null }>(
    database,
    'SELECT state, latest_version FROM ir_module_module WHERE name = $1',
    [name],
  );
  return rows[0];
}

/**
 * What a poller saw: good answers, maintenance answers (503 with `Retry-After`, while an update holds
 * the app's traffic so no write is lost), failures (anything else but 200, or no answer) and the longest
 * gap between good answers.
 */
export interface PollResult {
  ok: number;
  held: number;
  failed: number;
  statuses: number[];
  longestGapMs: number;
}

/**
 * Polls `/web/login`, a page that touches the database on real Odoo (session, users, views), until
 * stopped; a 303 to the database selector or a 500 counts as a failure, as users would see it.
 */
export function pollLogin(appUrl: string): { stop(): Promise<PollResult> } {
  let running = true;
  const result: PollResult = { ok: 0, held: 0, failed: 0, statuses: [], longestGapMs: 0 };
  let last = Date.now();
  const loop = (async () => {
    while (running) {
      let status = 0;
      let retryAfter = false;
      try {
        const answer = await httpRequest(`${appUrl}/web/login`, { timeoutMs: 10_000 });
        status = answer.status;
        retryAfter = answer.headers['retry-after'] !== undefined;
      } catch {
        status = 0;
      }
      if (status === 503 && retryAfter) {
        result.held++;
      } else if (status === 200) {
        result.ok++;
        result.longestGapMs = Math.max(result.longestGapMs, Date.now() - last);
        last = Date.now();
      } else {
        result.failed++;
        if (!result.statuses.includes(status)) result.statuses.push(status);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return result;
    },
  };
}

/**
 * Commits a row every 200 ms to the app's database while a job runs (new connection each time, so a
 * closed database only makes writes fail, which is allowed); resolves the keys whose INSERT committed.
 */
export function writeWhile(database: string, prefix: string): { stop(): Promise<string[]> } {
  let running = true;
  const committed: string[] = [];
  const loop = (async () => {
    for (let n = 0; running; n++) {
      const key = `${prefix}.${n}`;
      try {
        await query(database, 'INSERT INTO ir_config_parameter (key, value) VALUES ($1, $2)', [key, 'kept']);
        committed.push(key);
      } catch {
        // refused while the database is held off: not committed, so nothing to keep
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return committed;
    },
  };
}
