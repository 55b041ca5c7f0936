import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { needsSignIn } from '../../src/client/connectionState';
import { ConnectionError, ConnectionErrorCode } from '../../src/client/errors';
import { classifyFailure } from '../../src/client/failure';
import { ServerListFile } from '../../src/client/serverListFile';

const ENTRY = { id: 'a1', name: 'Demo agent', url: 'ws://127.0.0.1:7443' };

describe('server list kept for every browser, sign-in when the token is missing', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'paas-servers-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a second reader of the same storage directory sees the servers the first one saved', async () => {
    const path = join(dir, 'globalStorage', 'servers.json');
    await new ServerListFile(path).write([ENTRY]);
    assert.deepEqual(
      new ServerListFile(path).read(() => []),
      [ENTRY],
    );
    assert.equal(statSync(path).mode & 0o077, 0, 'only its owner reads the list');
  });

  it('carries over the list an older version kept in globalState, until the file exists', async () => {
    const file = new ServerListFile(join(dir, 'servers.json'));
    assert.deepEqual(
      file.read(() => [ENTRY]),
      [ENTRY],
    );
    await file.write([]);
    assert.deepEqual(
      file.read(() => [ENTRY]),
      [],
    );
  });

  it('skips a damaged file instead of failing the activation', () => {
    const path = join(dir, 'servers.json');
    writeFileSync(path, '{not json');
    assert.deepEqual(
      new ServerListFile(path).read(() => [ENTRY]),
      [],
    );
    assert.equal(readFileSync(path, 'utf8'), '{not json', 'left for the user to look at');
  });

  it('a missing token asks the user to sign in, without retrying', async () => {
    const error = new ConnectionError(ConnectionErrorCode.SignedOut, 'not signed in');
    const failure = await classifyFailure(error, ENTRY);
    assert.equal(failure.retry, false);
    assert.equal(needsSignIn({ kind: 'failed', error: failure.error }), true);
  });

  it('a refused token or a network failure is not a sign-in', () => {
    const refused = new ConnectionError(ConnectionErrorCode.Unauthorized, 'refused');
    assert.equal(needsSignIn({ kind: 'failed', error: refused }), false);
    const offline = new ConnectionError(ConnectionErrorCode.Unreachable, 'down');
    assert.equal(needsSignIn({ kind: 'waiting', attempt: 1, retryAt: 0, error: offline }), false);
    assert.equal(needsSignIn({ kind: 'idle' }), false);
  });
});
