import * as path from 'node:path';
import { run } from './exec';
import { STANDIN_DIR } from './paths';

/** Odoo series the stand-in image is tagged for. */
export const STANDIN_VERSIONS = ['17.0', '18.0', '19.0'] as const;
export type StandinVersion = (typeof STANDIN_VERSIONS)[number];

/**
 * Image name; tags are the Odoo series. `PAAS_STANDIN_REPOSITORY` gives a checkout its own name, so two
 * worktrees with different stand-in sources testing at once do not rebuild each other's image.
 */
export const STANDIN_REPOSITORY = process.env['PAAS_STANDIN_REPOSITORY'] ?? 'paas-standin/odoo';

/** The stand-in for Odoo 17.0, the series the tests deploy unless they say otherwise. */
export const STANDIN_IMAGE = `${STANDIN_REPOSITORY}:17.0`;

/**
 * uid:gid tests run the stand-in as: the agent's default app uid, not the image's `odoo` user (101, the
 * host's postgres uid). It has no passwd entry in the image, so it needs `LOGNAME` ({@link STANDIN_ENV}).
 */
export const STANDIN_UID = 1001;

/** What the agent sets so Odoo's `getpass.getuser()` works for a uid without a passwd entry. */
export const STANDIN_ENV = ['LOGNAME=odoo'];

const builds = new Map<string, Promise<string>>();

/**
 * Builds (or reuses, when its inputs are unchanged) the stand-in Odoo image
 * for one series, once per process. Resolves the image tag.
 */
export function buildStandinImage(version: StandinVersion = '17.0'): Promise<string> {
  let build = builds.get(version);
  if (!build) {
    build = (async () => {
      const started = Date.now();
      const { stdout } = await run('bash', [path.join(STANDIN_DIR, 'build.sh'), version], {
        timeoutMs: 120_000,
      });
      process.stderr.write(`[testkit] stand-in image ${version} ready in ${Date.now() - started} ms\n`);
      return stdout.trim().split('\n').pop() ?? `${STANDIN_REPOSITORY}:${version}`;
    })();
    build.catch(() => builds.delete(version));
    builds.set(version, build);
  }
  return build;
}
