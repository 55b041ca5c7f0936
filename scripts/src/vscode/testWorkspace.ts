import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';

/** A workspace the extension tests open: a clone of a bare "registry" repository holding an Odoo addon. */
export interface TestWorkspace {
  /** The working tree VS Code opens. */
  dir: string;
  /** The bare repository, as the project's registry URL (`file:///…`). */
  registryUrl: string;
  /** The branch checked out in the workspace, pushed to the registry. */
  branch: string;
}

const MANIFEST = `{
    'name': 'PaaS Demo',
    'version': '17.0.1.0.0',
    'depends': ['base'],
    'license': 'LGPL-3',
    'installable': True,
}
`;

const MODEL = `from odoo import models


class PaasDemo(models.Model):
    _name = 'paas.demo'
    _description = 'PaaS demo record'
`;

/** A runner playbook (`.paas/runners/`): the Runners suite runs it from the screen and reads its tasks. */
const PLAYBOOK = `# Greets the environment and lists its apps
- hosts: all
  gather_facts: false
  tasks:
    - name: greet
      ansible.builtin.debug:
        msg: "hello from {{ inventory_hostname }}"
    - name: list apps
      ansible.builtin.debug:
        var: paas_apps
`;

/** Creates `<root>/registry.git` and `<root>/workspace` on `branch`, with one commit pushed. */
export async function createTestWorkspace(
  root: string,
  branch = 'feature/vscode-test',
): Promise<TestWorkspace> {
  const bare = join(root, 'registry.git');
  const dir = join(root, 'workspace');
  mkdirSync(bare, { recursive: true });
  await simpleGit(bare).init(true, ['--initial-branch=main']);
  mkdirSync(join(dir, 'paas_demo', 'models'), { recursive: true });
  writeFileSync(join(dir, 'paas_demo', '__manifest__.py'), MANIFEST);
  writeFileSync(join(dir, 'paas_demo', '__init__.py'), 'from . import models\n');
  writeFileSync(join(dir, 'paas_demo', 'models', '__init__.py'), 'from . import demo\n');
  writeFileSync(join(dir, 'paas_demo', 'models', 'demo.py'), MODEL);
  mkdirSync(join(dir, '.paas', 'runners'), { recursive: true });
  writeFileSync(join(dir, '.paas', 'runners', 'hello.yml'), PLAYBOOK);
  const git = simpleGit(dir);
  await git.init(['--initial-branch=main']);
  await git.addConfig('user.name', 'PaaS Test').addConfig('user.email', 'test@paas.invalid');
  await git.add('.').commit('Demo addon');
  const registryUrl = `file://${bare}`;
  await git.addRemote('origin', registryUrl).push('origin', 'main');
  await git.checkoutLocalBranch(branch);
  await git.push(['-u', 'origin', branch]);
  return { dir, registryUrl, branch };
}
