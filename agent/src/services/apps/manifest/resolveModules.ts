import { ManifestError, readManifest, type Manifest } from '@paas/protocol';

/** A module folder of one addons path, as found in a checkout. */
export interface ModuleSource {
  name: string;
  /** Where people find it: the manifest's path in its repository (shared addons say which). */
  file: string;
  manifest: string;
  hasInit: boolean;
}

/** A module the branch's Odoo would load, with the addons path it comes from. */
export interface ResolvedModule extends Manifest {
  name: string;
  file: string;
  /** One of Odoo's own modules, from the image. */
  core: boolean;
}

/** The input of {@link resolveModules}. */
export interface ModuleSet {
  /** The modules of the addons paths, in `addons_path` order. */
  sources: readonly ModuleSource[];
  /** The image's own modules: name → manifest text. */
  image: ReadonlyMap<string, string>;
  /** The Odoo series (`17.0`), for `adapt_version()`. */
  serie: string;
  /** Branch modules the job will ask Odoo to install. */
  install: readonly string[];
}

/** One thing Odoo would trip over, with the file (and line) to look at. */
export interface ModuleProblem {
  module: string;
  file: string;
  line?: number;
  message: string;
}

function branchModules(set: ModuleSet, problems: ModuleProblem[]): Map<string, ResolvedModule> {
  const found = new Map<string, ResolvedModule>();
  for (const source of set.sources) {
    const at = { module: source.name, file: source.file };
    const first = found.get(source.name);
    if (set.image.has(source.name)) {
      // odoo.addons.__path__ starts with the image's own addons folder (initialize_sys_path).
      problems.push({
        ...at,
        message: `has the name of Odoo's own module ${source.name}, which Odoo would load instead`,
      });
    } else if (first) {
      problems.push({
        ...at,
        message: `is also in ${first.file}: Odoo would load only that one (the first addons path)`,
      });
    } else if (!source.hasInit) {
      problems.push({
        ...at,
        message:
          'has no __init__.py beside its manifest: Odoo counts a folder as a module only with both ' +
          '(odoo/tools/config.py _is_addons_path); add an empty __init__.py',
      });
    }
    if (first || set.image.has(source.name)) continue;
    try {
      found.set(source.name, {
        name: source.name,
        file: source.file,
        core: false,
        ...readManifest(source.manifest, set.serie),
      });
    } catch (error) {
      if (!(error instanceof ManifestError)) throw error;
      problems.push({ ...at, line: error.line, message: error.message });
    }
  }
  return found;
}

function imageModules(set: ModuleSet): Map<string, ResolvedModule> {
  const found = new Map<string, ResolvedModule>();
  for (const [name, text] of set.image) {
    const file = `(image) odoo/addons/${name}/__manifest__.py`;
    try {
      found.set(name, { name, file, core: true, ...readManifest(text, set.serie) });
    } catch (error) {
      // The image's own manifest is the image's business; its module is there all the same.
      if (!(error instanceof ManifestError)) throw error;
      found.set(name, { name, file, core: true, version: '1.0', depends: [], installable: true });
    }
  }
  return found;
}

/** Dependency problems of every installable branch module: missing, not installable, cycles. */
function dependencyProblems(modules: ReadonlyMap<string, ResolvedModule>, problems: ModuleProblem[]): void {
  const done = new Set<string>();
  const reported = new Set<string>();
  const visit = (name: string, chain: string[]): void => {
    const cycleStart = chain.indexOf(name);
    if (cycleStart >= 0) {
      const cycle = [...chain.slice(cycleStart), name];
      const key = [...cycle].sort().join(',');
      const mod = modules.get(name)!;
      if (!reported.has(key))
        problems.push({ module: name, file: mod.file, message: `dependency cycle: ${cycle.join(' → ')}` });
      reported.add(key);
      return;
    }
    if (done.has(name)) return;
    const mod = modules.get(name)!;
    for (const dep of mod.depends) {
      const target = modules.get(dep);
      if (!target) {
        problems.push({
          module: name,
          file: mod.file,
          message: `depends on ${dep}, which is in no addons path and not in the image`,
        });
      } else if (!target.installable) {
        problems.push({
          module: name,
          file: mod.file,
          message: `depends on ${dep}, which is marked installable: False (${target.file})`,
        });
      } else visit(dep, [...chain, name]);
    }
    done.add(name);
  };
  for (const mod of modules.values()) if (!mod.core && mod.installable) visit(mod.name, []);
}

/**
 * Resolves a branch's modules the way Odoo would (`odoo/modules/module.py`, `odoo/modules/graph.py`),
 * and lists everything that would make Odoo skip or fail a module, rather than let Odoo find out after
 * the database changed. Stricter than Odoo on purpose where Odoo silently picks one: a name in two addons
 * paths (or shadowing the image's module) is refused, naming both.
 */
export function resolveModules(set: ModuleSet): {
  modules: Map<string, ResolvedModule>;
  problems: ModuleProblem[];
} {
  const problems: ModuleProblem[] = [];
  const branch = branchModules(set, problems);
  const modules = new Map([...imageModules(set), ...branch]);
  dependencyProblems(modules, problems);
  for (const name of set.install) {
    const mod = branch.get(name);
    if (mod && !mod.installable)
      problems.push({
        module: name,
        file: mod.file,
        message: 'is marked installable: False, and the job would install it',
      });
  }
  return { modules, problems };
}

/** One problem as a line: `file:line: module name: message`. */
export function describeProblem(problem: ModuleProblem): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  return `${where}: module ${problem.module}: ${problem.message}`;
}
