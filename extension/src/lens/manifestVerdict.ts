import { adaptVersion, ManifestError, readManifest } from '@paas/protocol';

/** What the next update does with one module, as the manifest lens says it. */
export interface ManifestVerdict {
  kind: 'update' | 'new' | 'unapplied' | 'unchanged' | 'unreadable';
  title: string;
  tooltip: string;
}

export interface ManifestFacts {
  /** The manifest as it is in the editor (unsaved changes included). */
  current: string;
  /** The manifest at the deployed commit; `undefined` when the module was not there. */
  deployed: string | undefined;
  /** The Odoo series of the app (`17.0`): versions are compared adapted, as the agent compares them. */
  serie: string;
  /** Files of the module changed since the deployed commit. */
  changed: readonly string[];
  /** The app's name and environment, and its deployed commit. */
  app: { name: string; environmentType: string; commitSha: string };
}

function versionOf(text: string, serie: string): string {
  return adaptVersion(serie, readManifest(text, serie).version);
}

/**
 * The agent updates (`-u`) exactly the modules whose adapted manifest version differs from the running
 * revision's (services/apps/manifests.ts diffModules); files changed without a new version never reach
 * the database (views, data, fields stay as they were installed).
 */
export function manifestVerdict(facts: ManifestFacts): ManifestVerdict {
  const short = facts.app.commitSha.slice(0, 7);
  const where = facts.app.environmentType === 'production' ? 'production' : facts.app.name;
  let current: string;
  try {
    current = versionOf(facts.current, facts.serie);
  } catch (error) {
    if (!(error instanceof ManifestError)) throw error;
    return {
      kind: 'unreadable',
      title: `$(error) Odoo cannot load this manifest: ${error.message}`,
      tooltip: 'The update’s validate step refuses it.',
    };
  }
  if (facts.deployed === undefined) {
    return {
      kind: 'new',
      title: `$(add) New since ${short}: the next update installs it only with auto-install`,
      tooltip: `${facts.app.name} runs ${short}, which does not have this module.`,
    };
  }
  let deployed = '';
  try {
    deployed = versionOf(facts.deployed, facts.serie);
  } catch (error) {
    if (!(error instanceof ManifestError)) throw error;
  }
  if (deployed !== current) {
    return {
      kind: 'update',
      title: `$(sync) -u will run: ${deployed || 'unreadable'} → ${current} (${facts.app.name} runs ${short})`,
      tooltip:
        'The next update runs Odoo’s -u for this module: its version differs from the deployed commit’s.',
    };
  }
  if (facts.changed.length > 0) {
    return {
      kind: 'unapplied',
      title: `$(warning) ${facts.changed.length} file(s) changed since ${short} but version ${current} did not: these changes will not be applied to the database on ${where}`,
      tooltip: `Changed: ${facts.changed.join(', ')}. Bump the version so the next update runs -u for this module.`,
    };
  }
  return {
    kind: 'unchanged',
    title: `$(check) No -u: unchanged since ${short}`,
    tooltip: `${facts.app.name} runs ${short}; this module and its version are the same.`,
  };
}
