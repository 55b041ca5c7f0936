/** A module folder found in a checkout. */
export interface FoundModule {
  /** The folder name, which is the module's technical name. */
  name: string;
  /** The addons root holding it, relative to the scanned directory (`''` for the directory itself). */
  root: string;
  /** The text of its `__manifest__.py`. */
  manifest: string;
  /** Whether it has an `__init__.py`, without which Odoo's addons-path check does not count it. */
  hasInit: boolean;
}

/**
 * The files the agent keeps per app on the host: checkouts, the per-revision odoo.conf and the filestore.
 */
export interface AppFiles {
  /**
   * Finds module folders (folders holding a `__manifest__.py`) up to three levels below `dir`, the way
   * Odoo.sh builds an addons path from a repository and its sub-folders. Hidden folders are skipped.
   */
  scanModules(dir: string): Promise<FoundModule[]>;
  /** Deletes module folders from a checkout (excluded addons), given as paths relative to it. */
  removeFolders(dir: string, relativePaths: readonly string[]): Promise<void>;
  /** Writes a file readable only by root and group `gid` (mode 0640): configs holding passwords. */
  writePrivateFile(path: string, content: string, gid: number): Promise<void>;
  /** Creates a directory owned by `uid:uid`, mode 0750, for a container running as that uid to write. */
  ensureOwnedDir(path: string, uid: number): Promise<void>;
  /** Gives a directory tree (a restored filestore) to `uid:uid`, links not followed; a missing one is fine. */
  ownTree(path: string, uid: number): Promise<void>;
  exists(path: string): Promise<boolean>;
  /** Removes a file or directory tree; a missing one is not an error. */
  remove(path: string): Promise<void>;
}
