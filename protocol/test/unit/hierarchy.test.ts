import { strict as assert } from 'node:assert';
import { ROLES, hierarchyAllows, highestRole, roleRank } from '../../src';

describe('protocol hierarchy rule', () => {
  it('lets a role grant itself and anything below, never above', () => {
    for (const actor of ROLES)
      for (const granted of ROLES)
        assert.equal(
          hierarchyAllows(actor, { to: granted }),
          roleRank(granted) <= roleRank(actor),
          `${actor} → ${granted}`,
        );
  });

  it('refuses changing or removing someone above, whatever the new role', () => {
    assert.ok(!hierarchyAllows('admin', { from: 'owner' }));
    assert.ok(!hierarchyAllows('admin', { from: 'owner', to: 'viewer' }));
    assert.ok(hierarchyAllows('admin', { from: 'admin', to: 'viewer' }));
    assert.ok(!hierarchyAllows('developer', { from: 'viewer', to: 'developerPlus' }));
    assert.ok(hierarchyAllows('owner', { from: 'owner', to: 'admin' }));
  });

  it('picks the highest of several roles', () => {
    assert.equal(highestRole(['viewer', 'developerPlus', 'developer']), 'developerPlus');
    assert.equal(highestRole([]), undefined);
  });
});
