import { strict as assert } from 'node:assert';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/log';
import { REDACTED, redactSecrets } from '../../src/redact';

/** A stream the logger writes to, and what it received so far. */
function captureLines(): { sink: Writable; output(): string } {
  let text = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { sink, output: () => text };
}

describe('agent redaction', () => {
  it('replaces secret-named fields at any depth and keeps the rest', () => {
    const params = {
      name: 'prod',
      password: 'p1',
      nested: { dbPassword: 'p2', apiKey: 'k', list: [{ token: 't', keep: 1 }], privateKey: 'pk' },
      Authorization: 'Bearer x',
      registryCredentials: { user: 'u' },
      passphrase: 'pp',
      clientSecret: 's',
      ssh_key: 'runner extra var',
    };
    assert.deepEqual(redactSecrets(params), {
      name: 'prod',
      password: REDACTED,
      nested: {
        dbPassword: REDACTED,
        apiKey: REDACTED,
        list: [{ token: REDACTED, keep: 1 }],
        privateKey: REDACTED,
      },
      Authorization: REDACTED,
      registryCredentials: REDACTED,
      passphrase: REDACTED,
      ssh_key: REDACTED,
      clientSecret: REDACTED,
    });
  });

  it('does not change its input', () => {
    const params = { password: 'p', inner: { token: 't' } };
    redactSecrets(params);
    assert.deepEqual(params, { password: 'p', inner: { token: 't' } });
  });

  it('returns primitives and null as they are', () => {
    for (const value of ['text', 1, true, null, undefined]) assert.equal(redactSecrets(value), value);
  });

  it('keeps secrets out of log lines even when handed to the logger', () => {
    const { sink, output } = captureLines();
    const log = createLogger('info', sink);
    log.info({ token: 'tok-1', password: 'pw-2', headers: { authorization: 'Bearer tok-3' } }, 'hello');
    log.child({ component: 'x' }).info({ params: { db: { password: 'pw-4' } }, secret: 'sec-5' }, 'again');
    const lines = output()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.equal(lines.length, 2);
    assert.equal(lines[0]?.msg, 'hello');
    for (const secret of ['tok-1', 'pw-2', 'tok-3', 'pw-4', 'sec-5'])
      assert.ok(!output().includes(secret), secret);
  });

  it('blanks a token but keeps its name, which is no secret', () => {
    const { sink, output } = captureLines();
    createLogger('info', sink).child({ tokenName: 'ci-deploy' }).info({ token: 'tok-6' }, 'connected');
    const line = JSON.parse(output()) as Record<string, unknown>;
    assert.equal(line.tokenName, 'ci-deploy');
    assert.equal(line.token, '[redacted]');
  });
});
