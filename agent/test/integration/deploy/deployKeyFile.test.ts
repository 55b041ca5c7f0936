import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { makeTempDir, runCleanups } from '@paas/scripts/out/src/testkit/index.js';
import { prepareGitAuth } from '../../../src/adapters/git/credentials';

describe('deploy: a deploy key on disk only for one fetch', () => {
  after(runCleanups);

  it('writes the key 0600 in a 0700 directory, names only its path for ssh, and removes it', async () => {
    const scratch = await makeTempDir('gitauth');
    const privateKey =
      '-----BEGIN OPENSSH PRIVATE KEY-----\nAAAAkeybodyline0123456789\n-----END OPENSSH PRIVATE KEY-----';
    const auth = await prepareGitAuth(
      { kind: 'deployKey', privateKey },
      scratch,
      join(scratch, 'known_hosts'),
    );
    const command = auth.env.GIT_SSH_COMMAND!;
    const keyFile = /-i '([^']+)'/.exec(command)![1]!;
    assert.equal(dirname(dirname(keyFile)), scratch);
    assert.equal(statSync(keyFile).mode & 0o777, 0o600);
    assert.equal(statSync(dirname(keyFile)).mode & 0o777, 0o700);
    assert.equal(readFileSync(keyFile, 'utf8'), `${privateKey}\n`);
    assert.ok(!command.includes('keybodyline'), 'the key is in a file, not in the command');
    assert.match(command, /-o IdentitiesOnly=yes .*-o StrictHostKeyChecking=accept-new/);
    assert.match(command, new RegExp(`UserKnownHostsFile='${join(scratch, 'known_hosts')}'`));
    assert.deepEqual(auth.unsafe, { allowUnsafeSshCommand: true });
    await auth.dispose();
    assert.ok(!existsSync(dirname(keyFile)));
  });
});
