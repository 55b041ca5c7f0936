import { strict as assert } from 'node:assert';
import { RegistryUrlSchema, hasUrlCredentials, withoutUrlCredentials } from '@paas/protocol';
import { redactSecrets } from '../../src/redact';

describe('repository URLs never carry a secret', () => {
  it('refuses a password, or any https user name, pointing to the credentials field', () => {
    for (const url of [
      'https://user:pw@git.example.com/repo.git',
      'https://ghp_token@github.com/org/repo.git',
      'ssh://git:pw@git.example.com/repo.git',
    ]) {
      const parsed = RegistryUrlSchema.safeParse(url);
      assert.equal(parsed.success, false, url);
      assert.match(parsed.error!.issues[0]!.message, /`credentials` field/);
      assert.doesNotMatch(JSON.stringify(parsed.error!.issues), /pw@|ghp_token/);
    }
  });

  it('accepts URLs without one, ssh user names included', () => {
    for (const url of [
      'https://git.example.com/repo.git',
      'ssh://git@git.example.com/repo.git',
      'git@github.com:org/repo.git',
      'file:///srv/repo.git',
    ]) {
      assert.equal(RegistryUrlSchema.safeParse(url).success, true, url);
      assert.equal(hasUrlCredentials(url), false, url);
    }
  });

  it('strips the secret from audit params and logs', () => {
    assert.equal(withoutUrlCredentials('https://u:p@h/r.git'), 'https://h/r.git');
    assert.deepEqual(redactSecrets({ registry: { url: 'https://u:p@h/r.git' }, name: 'x' }), {
      registry: { url: 'https://h/r.git' },
      name: 'x',
    });
  });
});
