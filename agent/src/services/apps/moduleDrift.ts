import type { ModuleDrift } from '@paas/protocol';
import type { ModuleState } from '../../adapters/postgres/postgres';
import type { ModuleVersion } from './manifests';

/**
 * States of `ir_module_module` (STATES in odoo/addons/base/models/ir_module.py) in which the module's code
 * is in the registry: `to upgrade` and `to remove` are installed modules waiting for an update.
 */
const INSTALLED_STATES: ReadonlySet<string> = new Set(['installed', 'to upgrade', 'to remove']);

/**
 * How the database's modules stand against the branch's. `ir_module_module` keeps a row per module Odoo
 * ever listed (`update_list`, which only runs with `-i`/`-u`), `latest_version` being the version
 * installed (reset on uninstall, `module_uninstall`), both in odoo/addons/base/models/ir_module.py. A
 * branch module without a row is `new`; one with a row not installed is `notInstalled`; an installed one
 * is `current` or `behind` by `latest_version` against the manifest's adapted version. An installed
 * module in neither the branch nor the image's own addons is `removed`.
 */
export function moduleDrift(
  branch: readonly ModuleVersion[],
  rows: readonly ModuleState[],
  imageModules: ReadonlySet<string>,
): ModuleDrift[] {
  const byName = new Map(rows.map((row) => [row.name, row]));
  const inBranch = new Set(branch.map((m) => m.name));
  const drift: ModuleDrift[] = branch.map(({ name, version }) => {
    const row = byName.get(name);
    const installed = row !== undefined && INSTALLED_STATES.has(row.state);
    return {
      name,
      drift: !row
        ? 'new'
        : !installed
          ? 'notInstalled'
          : row.latest_version === version
            ? 'current'
            : 'behind',
      state: row?.state ?? null,
      installedVersion: row?.latest_version ?? null,
      branchVersion: version,
    };
  });
  for (const row of rows) {
    if (inBranch.has(row.name) || imageModules.has(row.name) || !INSTALLED_STATES.has(row.state)) continue;
    drift.push({
      name: row.name,
      drift: 'removed',
      state: row.state,
      installedVersion: row.latest_version,
      branchVersion: null,
    });
  }
  return drift.sort((a, b) => a.name.localeCompare(b.name));
}
