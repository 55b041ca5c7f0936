/** Where things are inside an app container. The official image declares these paths. */
export const CONTAINER_PATHS = {
  /** The official image's `ODOO_RC` (`ENV ODOO_RC /etc/odoo/odoo.conf` in odoo/docker's Dockerfile). */
  config: '/etc/odoo/odoo.conf',
  /** The image's `VOLUME /var/lib/odoo`: Odoo's data_dir, holding the filestore and sessions. */
  data: '/var/lib/odoo',
  /** The image's `VOLUME /mnt/extra-addons`: the app's checkout. */
  addons: '/mnt/extra-addons',
  /** Environment-level shared addons, one folder per repository. */
  sharedAddons: '/mnt/shared-addons',
} as const;

/** What goes into an app's odoo.conf. */
export interface OdooConfigSettings {
  dbHost: string;
  dbPort: number;
  dbUser: string;
  dbPassword: string;
  dbName: string;
  /** Container paths for `addons_path`, in order. */
  addonsPaths: string[];
  /** Odoo's master password; random, since the database manager is off anyway. */
  adminPassword: string;
  odooVersion: string;
  /** OCA `queue_job` channels (`root:N`) when the app runs the OCA job queue; absent otherwise. */
  queueJobChannels?: string;
}

/** Config values come from the agent, but a value with a newline could add options: refuse it. */
function value(text: string | number): string {
  const s = String(text);
  if (/[\r\n]/.test(s)) throw new Error('odoo.conf values cannot contain line breaks');
  return s;
}

function majorOf(odooVersion: string): number {
  return Number(/(\d+)\.\d$/.exec(odooVersion)?.[1] ?? 0);
}

/** Odoo's `dbfilter` that admits exactly `dbName` (a regular expression, `odoo/http.py` `db_filter`). */
export function dbFilterOf(dbName: string): string {
  return `^${dbName.replace(/[.^$*+?()[\]{}|\\]/g, '\\$&')}$`;
}

/**
 * The app's odoo.conf. The official image's entrypoint reads `db_host`, `db_port`, `db_user` and
 * `db_password` from `$ODOO_RC` (its `check_config`) and appends them to the command line, so they must
 * be in this file, mounted at `ODOO_RC`, not passed as flags. `dbfilter` and `list_db = False` pin the
 * app to its one database and turn the database manager off; `proxy_mode` because the agent's proxy sits
 * in front. `without_demo` exists until 18.0; 19.0 loads no demo data unless asked.
 */
export function renderOdooConfig(settings: OdooConfigSettings): string {
  const lines = [
    '; Written by paas-agent for this app revision; changes are overwritten at the next deploy.',
    '[options]',
    `db_host = ${value(settings.dbHost)}`,
    `db_port = ${value(settings.dbPort)}`,
    `db_user = ${value(settings.dbUser)}`,
    `db_password = ${value(settings.dbPassword)}`,
    `db_name = ${value(settings.dbName)}`,
    `dbfilter = ${value(dbFilterOf(settings.dbName))}`,
    'list_db = False',
    `admin_passwd = ${value(settings.adminPassword)}`,
    `addons_path = ${value(settings.addonsPaths.join(','))}`,
    `data_dir = ${CONTAINER_PATHS.data}`,
    'proxy_mode = True',
    'http_port = 8069',
  ];
  if (majorOf(settings.odooVersion) < 19) lines.push('without_demo = all');
  if (settings.queueJobChannels) lines.push(...queueJobLines(settings.queueJobChannels));
  return `${lines.join('\n')}\n`;
}

/**
 * OCA queue_job's settings, as its README's configuration section gives them (OCA/queue,
 * `queue_job/readme/CONFIGURE.rst`): loaded server-wide next to `base` and `web` (Odoo's defaults,
 * `load_server_wide_modules` in `odoo/service/server.py`), and its channels in a `[queue_job]` section.
 * `workers` stays 0: the app is one threaded server in a container with a memory limit, and the runner
 * starts as a thread of it (`threaded_start` in `queue_job/jobrunner/__init__.py`; the README's footnote:
 * it works with the threaded server too).
 */
function queueJobLines(channels: string): string[] {
  return ['server_wide_modules = base,web,queue_job', '', '[queue_job]', `channels = ${value(channels)}`];
}

/** The long-running server's command (arguments to the image's entrypoint). */
export function serverCommand(dbName: string): string[] {
  return ['odoo', '-c', CONTAINER_PATHS.config, '-d', dbName, '--no-database-list'];
}

/** A one-shot install (`-i`) and/or update (`-u`) that exits when done (`--stop-after-init`). */
export function moduleCommand(
  dbName: string,
  modules: { install: readonly string[]; update: readonly string[] },
): string[] {
  const command = ['odoo', '-c', CONTAINER_PATHS.config, '-d', dbName];
  if (modules.install.length > 0) command.push('-i', modules.install.join(','));
  if (modules.update.length > 0) command.push('-u', modules.update.join(','));
  return [...command, '--stop-after-init', '--no-http'];
}
