import { strict as assert } from 'node:assert';
import { CloseCode } from '@paas/protocol';
import { reconnectDelayMs } from '../../src/client/backoff';
import { describeState } from '../../src/client/connectionState';
import { ConnectionError } from '../../src/client/errors';
import { sessionEndError } from '../../src/client/sessionEnd';
import { agentUrlText, normalizeAgentUrl } from '../../src/client/serverUrl';
import { isCertificateError, PIN_MISMATCH, sameFingerprint } from '../../src/client/tlsPin';

describe('agent addresses', () => {
  it('defaults to wss:// and port 7443', () => {
    assert.equal(agentUrlText(normalizeAgentUrl('server.example.com')), 'wss://server.example.com:7443');
    assert.equal(agentUrlText(normalizeAgentUrl(' wss://10.0.0.5:9000/ ')), 'wss://10.0.0.5:9000');
    assert.equal(agentUrlText(normalizeAgentUrl('ws://127.0.0.1:7443')), 'ws://127.0.0.1:7443');
  });

  it('refuses clear-text ws:// beyond loopback, credentials in the URL and other schemes', () => {
    for (const bad of ['ws://server.example.com:7443', 'wss://user:pw@host', 'https://host', '', 'wss://']) {
      assert.throws(
        () => normalizeAgentUrl(bad),
        (error: unknown) => {
          assert.ok(error instanceof ConnectionError, bad);
          assert.equal(error.code, 'PAAS_BAD_URL');
          return true;
        },
      );
    }
  });
});

describe('reconnection backoff', () => {
  const policy = { baseMs: 1000, maxMs: 60_000 };

  it('doubles from the base and stays within [half, full] of the exponential delay', () => {
    assert.equal(
      reconnectDelayMs(0, policy, () => 0),
      500,
    );
    assert.equal(
      reconnectDelayMs(0, policy, () => 1),
      1000,
    );
    assert.equal(
      reconnectDelayMs(3, policy, () => 0),
      4000,
    );
    assert.equal(
      reconnectDelayMs(3, policy, () => 1),
      8000,
    );
  });

  it('is capped, even for huge attempt counts', () => {
    assert.equal(
      reconnectDelayMs(10, policy, () => 1),
      60_000,
    );
    assert.equal(
      reconnectDelayMs(10_000, policy, () => 0),
      30_000,
    );
  });
});

describe('certificate pins', () => {
  const fingerprint =
    'D5:AC:8E:63:C7:4A:F7:56:91:7F:A7:11:56:A9:79:85:80:28:92:1F:30:C3:18:76:CD:8D:B9:C8:D8:61:D5:36';

  it('compares fingerprints regardless of case and separators', () => {
    assert.ok(sameFingerprint(fingerprint, fingerprint.toLowerCase().replace(/:/g, '')));
    assert.ok(!sameFingerprint(fingerprint, fingerprint.replace('D5', 'D6')));
    assert.ok(!sameFingerprint('', ''));
  });

  it('recognises certificate errors but not network errors', () => {
    assert.ok(isCertificateError({ code: PIN_MISMATCH }));
    assert.ok(isCertificateError({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }));
    assert.ok(isCertificateError({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' }));
    assert.ok(!isCertificateError({ code: 'ECONNREFUSED' }));
    assert.ok(!isCertificateError(new Error('x')));
  });
});

describe('connection state labels', () => {
  it('says when the next attempt comes', () => {
    const error = new ConnectionError('PAAS_UNREACHABLE', 'down');
    assert.equal(
      describeState({ kind: 'waiting', attempt: 1, retryAt: 10_500, error }, 1000),
      'offline, retrying in 10 s',
    );
    assert.equal(
      describeState({ kind: 'failed', error: new ConnectionError('PAAS_CERT_CHANGED', 'x') }),
      'certificate changed!',
    );
  });
});

describe('sessions the agent ends', () => {
  it('turns a revoked or expired token\u2019s close into an error shown to the user, not a retry', () => {
    const revoked = sessionEndError(CloseCode.TokenRevoked, 'the token of this session was revoked');
    assert.equal(revoked?.code, 'PAAS_UNAUTHORIZED');
    assert.match(revoked!.message, /was revoked; sign in with a new token/);
    assert.match(describeState({ kind: 'failed', error: revoked! }), /revoked/);
    assert.match(sessionEndError(CloseCode.TokenExpired, '')!.message, /expired/);
    assert.equal(sessionEndError(1006, ''), undefined);
    assert.equal(sessionEndError(1001, 'agent shutting down'), undefined);
  });
});
