/**
 * Odoo module versions, read the way Odoo does. `odoo/modules/module.py` `load_manifest()` evaluates the
 * `__manifest__.py` dict with `ast.literal_eval` and then `adapt_version()` prefixes the series
 * (`1.0` → `17.0.1.0`). Evaluating Python is out of the question here; the `'version'` key of a manifest
 * is a plain string literal in practice, so it is read with a pattern that skips comments.
 */

/** A module found in a checkout: its folder name and adapted manifest version. */
export interface ModuleVersion {
  name: string;
  version: string;
}

/** Odoo's default when the manifest has no version (module.py `_DEFAULT_MANIFEST`: `'version': '1.0'`). */
const DEFAULT_VERSION = '1.0';

/** The `'version'` of a manifest's text, or Odoo's default. */
export function parseManifestVersion(text: string): string {
  const code = text
    .split('\n')
    .map((line) => line.replace(/^\s*#.*$/, ''))
    .join('\n');
  const match = /['"]version['"]\s*:\s*(?:u|r)?(['"])([^'"\n]*)\1/.exec(code);
  return match?.[2]?.trim() || DEFAULT_VERSION;
}

/** Odoo's `adapt_version()`: prefixes the series unless the version already starts with it. */
export function adaptVersion(serie: string, version: string): string {
  return version === serie || !version.startsWith(`${serie}.`) ? `${serie}.${version}` : version;
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

/** The adapted versions of modules found in a checkout (folder name and manifest text). */
export function moduleVersions(
  found: readonly { name: string; manifest: string }[],
  serie: string,
): ModuleVersion[] {
  return found.map((m) => ({ name: m.name, version: adaptVersion(serie, parseManifestVersion(m.manifest)) }));
}
