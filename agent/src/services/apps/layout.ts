import { join } from 'node:path';

/**
 * Where the agent keeps an app's files under its data directory:
 * `apps/<app id>/data` (the filestore, mounted at /var/lib/odoo) and `apps/<app id>/rev-<n>/` per revision,
 * holding `src` (the checkout), `shared/<i>` (shared addons) and `odoo.conf`. Mirrors are per project.
 */
export class Layout {
  constructor(private readonly dataDir: string) {}

  mirror(projectCode: string): string {
    return join(this.dataDir, 'mirrors', `${projectCode}.git`);
  }

  /** Shared-addon repositories get one mirror per URL, named by a hash of it. */
  sharedMirror(urlHash: string): string {
    return join(this.dataDir, 'mirrors', 'shared', `${urlHash}.git`);
  }

  scratch(): string {
    return join(this.dataDir, 'tmp');
  }

  knownHosts(): string {
    return join(this.dataDir, 'ssh_known_hosts');
  }

  app(appId: string): string {
    return join(this.dataDir, 'apps', appId);
  }

  data(appId: string): string {
    return join(this.app(appId), 'data');
  }

  /** Odoo's `<data_dir>/filestore`: one directory per database inside. */
  filestores(appId: string): string {
    return join(this.data(appId), 'filestore');
  }

  revision(appId: string, revision: number): string {
    return join(this.app(appId), `rev-${revision}`);
  }

  source(appId: string, revision: number): string {
    return join(this.revision(appId, revision), 'src');
  }

  shared(appId: string, revision: number, index: number): string {
    return join(this.revision(appId, revision), 'shared', String(index));
  }

  config(appId: string, revision: number): string {
    return join(this.revision(appId, revision), 'odoo.conf');
  }
}
