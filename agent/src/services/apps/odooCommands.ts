import { AdapterError } from '../../adapters/errors';
import type { AppRecord } from '../../store/apps';
import type { AppDeps } from './deps';
import { containerSpec, oneShotLabels, type RevisionMounts } from './containerSpec';
import { oneShotContainerName, projectNetworkName } from './names';
import { CONTAINER_PATHS } from './odooConfig';
import { runOneShot, type OneShotResult } from './oneShot';

/** What `odoo neutralize` did: ran (its output), or the image has no such command (Odoo before 16). */
export type NeutralizeOutcome = { ran: true; output: string } | { ran: false; reason: string };

/** A revision a job is preparing (not the app's current one yet): its container name and mounts. */
export interface NewRevision {
  container: string;
  mounts: RevisionMounts;
}

/** `odoo --version` prints `Odoo Server 17.0-20240709` (optparse's version, `odoo/tools/config.py`). */
const VERSION_LINE = /^Odoo Server (\S+)\s*$/m;

/**
 * odoo/cli/command.py: a first argument that names no command exits with "Unknown command 'neutralize'"
 * (Odoo 15 and older, which have no odoo/cli/neutralize.py).
 */
const UNKNOWN_COMMAND = /Unknown command '?neutralize'?/;

/** How long a version query or a neutralization may take (Odoo's takes about 1.5 s on a small database). */
const COMMAND_TIMEOUT_MS = 5 * 60 * 1000;

/**
 * Odoo commands other than the server, run in an app's current revision as one-shot containers with the
 * app's run contract (its image, uid, odoo.conf, addons): what the image itself says is the truth, not
 * what the agent assumes of a series.
 */
export class OdooCommands {
  /** `odoo.release.version` per image id: an image's release never changes. */
  private readonly releases = new Map<string, string>();

  constructor(private readonly deps: AppDeps) {}

  /** `odoo.release.version` of the app's image (`17.0-20240709` on a nightly); undefined when unknown. */
  async release(appId: string, image: string): Promise<string | undefined> {
    const imageId = await this.deps.docker.imageId(image).catch(() => undefined);
    if (!imageId) return undefined;
    const cached = this.releases.get(imageId);
    if (cached) return cached;
    const app = this.deps.apps.get(appId);
    const result = await this.run(app, image, 'version', ['odoo', '--version']);
    const release = result && result.exitCode === 0 ? VERSION_LINE.exec(result.output)?.[1] : undefined;
    if (release) this.releases.set(imageId, release);
    return release;
  }

  /**
   * Runs `odoo neutralize -d <database>` (odoo/cli/neutralize.py: every installed module's
   * `data/neutralize.sql`, odoo/modules/neutralize.py) with the app's configuration, so the database is
   * reached as the app's own role; with `revision`, the configuration of the revision a job prepares.
   * Throws when Odoo fails; `ran: false` when the image lacks the command or the app has no deployed
   * revision to run it with.
   */
  async neutralize(
    appId: string,
    image: string,
    database: string,
    revision?: NewRevision,
  ): Promise<NeutralizeOutcome> {
    const app = this.deps.apps.get(appId);
    const cmd = ['odoo', 'neutralize', '-c', CONTAINER_PATHS.config, '-d', database];
    const result = await this.run(app, image, 'neutralize', cmd, revision);
    if (!result) return { ran: false, reason: 'the app has no deployed revision to run Odoo with' };
    if (result.exitCode === 0) return { ran: true, output: result.output };
    if (UNKNOWN_COMMAND.test(result.output))
      return { ran: false, reason: `${image} has no "odoo neutralize" (Odoo 16 or newer has it)` };
    throw new AdapterError(
      'PG_FAILED',
      `odoo neutralize exited with ${result.exitCode}: ${result.output.trim().slice(-2000)}`,
    );
  }

  private async run(
    app: AppRecord,
    image: string,
    purpose: 'neutralize' | 'version',
    cmd: string[],
    revision?: NewRevision,
  ): Promise<OneShotResult | undefined> {
    const mounts = revision?.mounts ?? (await this.currentMounts(app));
    const container = revision?.container ?? app.containerName;
    if (!mounts || !container) return undefined;
    const spec = containerSpec({
      name: oneShotContainerName(container, purpose),
      image,
      cmd,
      labels: oneShotLabels(this.deps.serverId, app),
      network: projectNetworkName(this.deps.apps.project(app.projectId).code),
      mounts,
      settings: this.deps.settings,
    });
    return runOneShot(this.deps.docker, spec, COMMAND_TIMEOUT_MS);
  }

  /** The files the app's current revision mounts (prepare.ts made them); undefined before a deploy. */
  private async currentMounts(app: AppRecord): Promise<RevisionMounts | undefined> {
    const { layout, files } = this.deps;
    if (app.revision === 0) return undefined;
    const configFile = layout.config(app.id, app.revision);
    if (!(await files.exists(configFile))) return undefined;
    const sharedDirs: string[] = [];
    while (await files.exists(layout.shared(app.id, app.revision, sharedDirs.length)))
      sharedDirs.push(layout.shared(app.id, app.revision, sharedDirs.length));
    const server = this.deps.databases.record(app.databaseServerId);
    return {
      sourceDir: layout.source(app.id, app.revision),
      sharedDirs,
      configFile,
      dataDir: layout.data(app.id),
      socketDir: server.host.startsWith('/') ? server.host : null,
    };
  }
}
