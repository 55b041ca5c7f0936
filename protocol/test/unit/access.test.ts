import { strict as assert } from 'node:assert';
import {
  ACTIONS,
  ENVIRONMENT_TYPES,
  PermissionsSchema,
  ROLES,
  can,
  isAtLeast,
  permissionsOf,
  type Action,
  type EnvironmentType,
  type Role,
} from '../../src';

describe('protocol access table', () => {
  const table: [Role, Action, EnvironmentType | undefined, boolean][] = [
    ['developer', 'app.deploy', 'development', true],
    ['developer', 'app.deploy', 'staging', true],
    ['developer', 'app.deploy', 'production', false],
    ['developerPlus', 'app.deploy', 'production', true],
    ['developerPlus', 'app.deploy', 'staging', true],
    ['viewer', 'app.deploy', 'development', false],
    ['viewer', 'app.deploy', 'staging', false],
    ['viewer', 'app.viewLogs', 'production', true],
    ['viewer', 'app.open', undefined, true],
    ['developerPlus', 'app.destroy', undefined, false],
    ['admin', 'app.destroy', undefined, true],
    ['owner', 'app.destroy', undefined, true],
    ['admin', 'environment.destroy', undefined, true],
    ['developerPlus', 'backup.delete', undefined, false],
    ['admin', 'members.manage', undefined, true],
    ['developerPlus', 'members.manage', undefined, false],
    // Without an environment type the strictest one (production) applies.
    ['developer', 'app.deploy', undefined, false],
    ['developerPlus', 'app.deploy', undefined, true],
  ];
  for (const [role, action, environmentType, allowed] of table) {
    it(`${role} ${allowed ? 'may' : 'may not'} ${action}${environmentType ? ` in ${environmentType}` : ''}`, () => {
      assert.equal(can(role, action, environmentType), allowed);
    });
  }

  it('ranks roles owner > admin > developerPlus > developer > viewer', () => {
    for (const [i, higher] of ROLES.entries())
      for (const lower of ROLES.slice(i)) {
        assert.equal(isAtLeast(higher, lower), true, `${higher} ≥ ${lower}`);
        if (lower !== higher) assert.equal(isAtLeast(lower, higher), false, `${lower} < ${higher}`);
      }
  });

  it('gives a higher role every permission of a lower one', () => {
    for (const action of ACTIONS)
      for (const environmentType of [undefined, ...ENVIRONMENT_TYPES])
        for (const [i, role] of ROLES.entries())
          if (can(role, action, environmentType))
            for (const higher of ROLES.slice(0, i)) assert.equal(can(higher, action, environmentType), true);
  });

  it('lets the owner do everything', () => {
    for (const action of ACTIONS)
      for (const t of ENVIRONMENT_TYPES) assert.equal(can('owner', action, t), true);
  });

  describe('permissionsOf', () => {
    it('has the schema shape with an entry for every environment type', () => {
      for (const role of ROLES) {
        const permissions = permissionsOf(role);
        assert.deepEqual(PermissionsSchema.parse(permissions), permissions);
        assert.equal(permissions.role, role);
        assert.deepEqual(Object.keys(permissions.byEnvironmentType), [...ENVIRONMENT_TYPES]);
      }
    });

    it('lists environment-scoped actions per environment and the rest globally', () => {
      const developer = permissionsOf('developer');
      assert.ok(developer.byEnvironmentType.staging.includes('app.deploy'));
      assert.ok(!developer.byEnvironmentType.production.includes('app.deploy'));
      assert.ok(permissionsOf('developerPlus').byEnvironmentType.production.includes('app.deploy'));
      assert.ok(!developer.global.includes('app.deploy'));
      assert.ok(developer.global.includes('app.open'));
      assert.ok(!developer.global.includes('app.destroy'));
      assert.ok(permissionsOf('admin').global.includes('app.destroy'));
    });

    it('agrees with can() for every action', () => {
      for (const role of ROLES) {
        const { global, byEnvironmentType } = permissionsOf(role);
        for (const action of ACTIONS) {
          const listed =
            global.includes(action) || ENVIRONMENT_TYPES.some((t) => byEnvironmentType[t].includes(action));
          const allowed = ENVIRONMENT_TYPES.some((t) => can(role, action, t));
          assert.equal(listed, allowed, `${role} ${action}`);
        }
      }
    });

    it('gives a viewer nothing in any environment that changes state', () => {
      const viewer = permissionsOf('viewer');
      for (const t of ENVIRONMENT_TYPES) assert.deepEqual(viewer.byEnvironmentType[t], []);
    });
  });
});
