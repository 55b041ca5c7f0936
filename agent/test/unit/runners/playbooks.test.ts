import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RpcError } from '@paas/protocol';
import { secretValueRedactor } from '../../../src/redact';
import { describePlaybook, refuseBecome, resolvePlaybook } from '../../../src/services/runners/playbooks';

const reason = (expected: string) => (error: unknown) =>
  error instanceof RpcError && (error.data as { reason?: string }).reason === expected;

describe('runner playbooks', () => {
  let root = '';
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'runners-'));
    mkdirSync(join(root, 'repo/.paas/runners'), { recursive: true });
    writeFileSync(join(root, 'repo/.paas/runners/ok.yml'), '- hosts: all\n  tasks: []\n');
    writeFileSync(join(root, 'repo/site.yml'), '- hosts: all\n  tasks: []\n');
    writeFileSync(join(root, 'outside.yml'), '- hosts: all\n  tasks: []\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('describes a playbook by its first comment, else its first play name; other YAML is none', () => {
    assert.equal(describePlaybook('---\n# Restart things\n- hosts: all\n  name: Play\n'), 'Restart things');
    assert.equal(describePlaybook('- name: The play\n  hosts: all\n'), 'The play');
    assert.equal(describePlaybook('- hosts: all\n'), null);
    assert.equal(describePlaybook('answer: 42\n'), undefined);
    assert.equal(describePlaybook('- name: a task\n  debug: {}\n'), undefined);
  });

  it('resolves a playbook inside the folder and refuses one outside or behind a symlink out', async () => {
    const repo = join(root, 'repo');
    assert.equal(await resolvePlaybook(repo, '.paas/runners', 'ok.yml'), '.paas/runners/ok.yml');
    await assert.rejects(
      resolvePlaybook(repo, '.paas/runners', '../../site.yml'),
      reason('RUNNER_PLAYBOOK_OUTSIDE'),
    );
    symlinkSync(join(root, 'outside.yml'), join(repo, '.paas/runners/out.yml'));
    await assert.rejects(
      resolvePlaybook(repo, '.paas/runners', 'out.yml'),
      reason('RUNNER_PLAYBOOK_OUTSIDE'),
    );
    symlinkSync(join(repo, 'site.yml'), join(repo, '.paas/runners/site.yml'));
    await assert.rejects(
      resolvePlaybook(repo, '.paas/runners', 'site.yml'),
      reason('RUNNER_PLAYBOOK_OUTSIDE'),
    );
    await assert.rejects(
      resolvePlaybook(repo, '.paas/runners', 'none.yml'),
      reason('RUNNER_PLAYBOOK_NOT_FOUND'),
    );
  });

  it('refuses become at any depth unless allowed; become: false is fine', async () => {
    const file = join(root, 'become.yml');
    writeFileSync(file, '- hosts: all\n  tasks:\n    - name: t\n      command: id\n      become: yes\n');
    await assert.rejects(refuseBecome(file, false), reason('RUNNER_BECOME_REFUSED'));
    await refuseBecome(file, true);
    writeFileSync(file, '- hosts: all\n  vars:\n    ansible_become_user: root\n  tasks: []\n');
    await assert.rejects(refuseBecome(file, false), reason('RUNNER_BECOME_REFUSED'));
    writeFileSync(file, '- hosts: all\n  become: false\n  tasks: []\n');
    await refuseBecome(file, false);
  });

  it('redacts the values of secret-named extra vars in free text', () => {
    const redact = secretValueRedactor({ db_password: 'pw1', ssh_key: 'k-e-y', who: 'alice' });
    assert.equal(redact('pw1 k-e-y alice'), '[redacted] [redacted] alice');
  });
});
