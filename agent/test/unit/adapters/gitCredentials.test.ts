import assert from 'node:assert/strict';
import { prepareGitAuth } from '../../../src/adapters/git/credentials';

describe('git credentials: what git children get', () => {
  it('passes a token as an http.extraHeader through GIT_CONFIG_*, never in a URL or argv', async () => {
    const auth = await prepareGitAuth(
      { kind: 'token', username: 'deploy', token: 's3cr3t-token' },
      '/nonexistent',
      '/nonexistent/known_hosts',
    );
    const basic = Buffer.from('deploy:s3cr3t-token').toString('base64');
    assert.deepEqual(auth.env, {
      GIT_TERMINAL_PROMPT: '0',
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'http.extraHeader',
      GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}`,
    });
    assert.deepEqual(auth.allowEnvironment.sort(), Object.keys(auth.env).sort());
    assert.deepEqual(auth.unsafe, { allowUnsafeConfigEnvCount: true });
    await auth.dispose();
  });

  it('gives public repositories nothing but "never prompt"', async () => {
    const auth = await prepareGitAuth({ kind: 'none' }, '/nonexistent', '/nonexistent/known_hosts');
    assert.deepEqual(auth.env, { GIT_TERMINAL_PROMPT: '0' });
    assert.deepEqual(auth.unsafe, {});
  });
});
