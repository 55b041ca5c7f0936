import { strict as assert } from 'node:assert';
import { effectiveState } from '../../src/services/invitations';
import { emailForTokenName } from '../../src/services/users';
import { REDACTED, redactSecrets } from '../../src/redact';

describe('agent access logic', () => {
  it('reads a pending invitation past its expiry as expired, and leaves final states alone', () => {
    const expiresAt = '2030-01-01T00:00:00.000Z';
    const before = new Date('2029-12-31T23:59:59.000Z');
    const after = new Date('2030-01-01T00:00:00.000Z');
    assert.equal(effectiveState({ state: 'pending', expiresAt }, before), 'pending');
    assert.equal(effectiveState({ state: 'pending', expiresAt }, after), 'expired');
    assert.equal(effectiveState({ state: 'accepted', expiresAt }, after), 'accepted');
    assert.equal(effectiveState({ state: 'revoked', expiresAt }, before), 'revoked');
  });

  it('derives one stable email per token name', () => {
    assert.equal(emailForTokenName('CI runner #2'), 'ci-runner-2@tokens.local');
    assert.equal(emailForTokenName('...'), 'token@tokens.local');
  });

  it('redacts invitation codes but keeps project codes', () => {
    assert.deepEqual(redactSecrets({ invitationCode: 'abc', confirmCode: 'shop', code: 'shop' }), {
      invitationCode: REDACTED,
      confirmCode: 'shop',
      code: 'shop',
    });
  });
});
