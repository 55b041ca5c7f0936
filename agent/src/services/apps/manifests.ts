import { adaptVersion, ManifestError, readManifest } from '@paas/protocol';

/** A module found in a checkout: its folder name and adapted manifest version. */
export interface ModuleVersion {
  name: string;
  version: string;
}

/** How two revisions' modules differ. */
export interface ModuleDiff {
  /** In both, with a different adapted version: Odoo.sh updates exactly these (`-u`). */
  changed: string[];
  /** Only in the new revision. */
  added: string[];
  /** Only in the old revision. */
  removed: string[];
}

export function diffModules(before: readonly ModuleVersion[], after: readonly ModuleVersion[]): ModuleDiff {
  const old = new Map(before.map((m) => [m.name, m.version]));
  const now = new Map(after.map((m) => [m.name, m.version]));
  const sorted = (names: Iterable<string>): string[] => [...names].sort();
  return {
    changed: sorted(
      [...now].filter(([name, v]) => old.has(name) && old.get(name) !== v).map(([name]) => name),
    ),
    added: sorted([...now.keys()].filter((name) => !old.has(name))),
    removed: sorted([...old.keys()].filter((name) => !now.has(name))),
  };
}

/**
 * The adapted versions of modules found in a checkout (folder name and manifest text). A manifest Odoo
 * could not load (only an older revision's can be: the validate step refuses them) counts as version `''`,
 * so it never equals a readable one and the module is updated.
 */
export function moduleVersions(
  found: readonly { name: string; manifest: string }[],
  serie: string,
): ModuleVersion[] {
  return found.map((m) => {
    try {
      return { name: m.name, version: adaptVersion(serie, readManifest(m.manifest, serie).version) };
    } catch (error) {
      if (error instanceof ManifestError) return { name: m.name, version: '' };
      throw error;
    }
  });
}
