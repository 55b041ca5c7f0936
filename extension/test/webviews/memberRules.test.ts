import { strict as assert } from 'node:assert';
import { memberLock, offerableRoles } from '../../src/webviews/shared/ui/memberRules';

describe('member rules (the seeds\u2019 hierarchy rule)', () => {
  it('offers a caller their own role and those below, never above', () => {
    assert.deepEqual(offerableRoles('owner'), ['owner', 'admin', 'developerPlus', 'developer', 'viewer']);
    assert.deepEqual(offerableRoles('admin'), ['admin', 'developerPlus', 'developer', 'viewer']);
    assert.deepEqual(offerableRoles('developer'), ['developer', 'viewer']);
    assert.deepEqual(offerableRoles('viewer'), ['viewer']);
  });

  it('locks members above the caller', () => {
    assert.match(memberLock('admin', { role: 'owner', name: 'Olga' }, 2) ?? '', /above yours \(Admin\)/);
    assert.match(memberLock('developer', { role: 'admin', name: 'Ada' }, 1) ?? '', /above yours/);
  });

  it('locks the only Owner, even for an Owner, and frees one of several', () => {
    assert.match(memberLock('owner', { role: 'owner', name: 'Olga' }, 1) ?? '', /is the Owner/);
    assert.equal(memberLock('owner', { role: 'owner', name: 'Olga' }, 2), undefined);
  });

  it('leaves members at or below the caller free', () => {
    assert.equal(memberLock('admin', { role: 'admin', name: 'Ann' }, 1), undefined);
    assert.equal(memberLock('admin', { role: 'viewer', name: 'Vic' }, 1), undefined);
  });
});
