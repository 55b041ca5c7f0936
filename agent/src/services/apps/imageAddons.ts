import type { DockerAdapter } from '../../adapters/docker/docker';

/**
 * Where the official image keeps Odoo's own addons: the Debian package installs Odoo under
 * `/usr/lib/python3/dist-packages/odoo`, and `odoo.addons.__path__` starts with its `addons` folder
 * (`odoo/addons/__init__.py`, `initialize_sys_path()` in `odoo/modules/module.py`), which `addons_path`
 * in `odoo/tools/config.py` also defaults to.
 */
export const IMAGE_ADDONS_DIR = '/usr/lib/python3/dist-packages/odoo/addons';

/** An image id names its content, so what was read once holds for good. */
const byImageId = new Map<string, Promise<Map<string, string>>>();

/** The image's own modules (name → `__manifest__.py` text), read once per image id without running it. */
export async function imageAddonManifests(
  docker: DockerAdapter,
  image: string,
  labels: Record<string, string>,
): Promise<Map<string, string>> {
  const id = await docker.imageId(image);
  let manifests = byImageId.get(id);
  if (!manifests) {
    manifests = docker.readImageFiles(image, IMAGE_ADDONS_DIR, '__manifest__.py', labels);
    byImageId.set(id, manifests);
    manifests.catch(() => byImageId.delete(id));
  }
  return manifests;
}
