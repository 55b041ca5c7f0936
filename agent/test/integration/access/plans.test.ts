import { strict as assert } from 'node:assert';
import {
  AddCollaborator,
  ChangePlan,
  CreateEnvironment,
  CreateProject,
  DeleteProject,
  ErrorCode,
  GetProject,
  ListAuditEntries,
  ListPlans,
  LimitExceededDataSchema,
} from '@paas/protocol';
import { rpcErrorOf } from '../../helpers/client';
import { cli, person, projectParams, useOwnedAgent } from '../../helpers/organization';

describe('plans, limits and the danger zone', function () {
  this.timeout(120_000);
  const org = useOwnedAgent();

  it('lists every plan with its limits, and annual prices of ten months', async () => {
    const { plans } = await org.boss.client.request(ListPlans, {});
    assert.deepEqual(
      plans.map((p) => p.tier),
      ['free', 'essential', 'pro', 'premium'],
    );
    for (const plan of plans) assert.equal(plan.price.annual, plan.price.monthly * 10);
    assert.equal(plans.find((p) => p.tier === 'premium')?.limits.whiteLabel, true);
  });

  it('refuses growing past a limit, naming it and the plan that lifts it; the operator edits limits', async () => {
    cli(org.agent, 'plan', 'set', 'free', '--limits', '{"environments":1,"includedSeats":1}');
    const { project } = await org.boss.client.request(
      CreateProject,
      projectParams('Small', { tier: 'free' }),
    );
    const error = await rpcErrorOf(
      org.boss.client.request(CreateEnvironment, { projectId: project.id, type: 'staging' }),
    );
    assert.equal(error.code, ErrorCode.LimitExceeded);
    assert.deepEqual(LimitExceededDataSchema.parse(error.data), {
      limit: 'environments',
      current: 2,
      max: 1,
      plan: 'free',
      liftedBy: 'essential',
    });
    assert.match(error.message, /essential plan lifts it/);
    const { environments } = await org.boss.client.request(GetProject, { projectId: project.id });
    assert.equal(environments.length, 1, 'nothing changed');

    const first = await person(org.agent, 'viewer', 'seat1@example.com');
    const second = await person(org.agent, 'viewer', 'seat2@example.com');
    org.people.push(first, second);
    await org.boss.client.request(AddCollaborator, {
      projectId: project.id,
      grantee: { kind: 'user', email: first.email },
      role: 'viewer',
    });
    const seats = await rpcErrorOf(
      org.boss.client.request(AddCollaborator, {
        projectId: project.id,
        grantee: { kind: 'user', email: second.email },
        role: 'viewer',
      }),
    );
    assert.equal(seats.code, ErrorCode.LimitExceeded);
    assert.equal((seats.data as { limit: string }).limit, 'includedSeats');
  });

  it('records a plan change and refuses a downgrade below current usage', async () => {
    const { project } = await org.boss.client.request(
      CreateProject,
      projectParams('Growing', { tier: 'free' }),
    );
    const changed = await org.boss.client.request(ChangePlan, {
      projectId: project.id,
      plan: { tier: 'essential', billing: 'annual' },
    });
    assert.deepEqual(changed.previous, { tier: 'free', billing: 'monthly' });
    assert.deepEqual(changed.project.plan, { tier: 'essential', billing: 'annual' });
    await org.boss.client.request(CreateEnvironment, { projectId: project.id, type: 'staging' });
    const downgrade = await rpcErrorOf(
      org.boss.client.request(ChangePlan, {
        projectId: project.id,
        plan: { tier: 'free', billing: 'monthly' },
      }),
    );
    assert.equal(downgrade.code, ErrorCode.LimitExceeded);
    assert.equal((downgrade.data as { limit: string }).limit, 'environments');
    const { entries } = await org.boss.client.request(ListAuditEntries, {
      projectId: project.id,
      action: 'projects/changePlan',
    });
    assert.deepEqual(
      entries.map((e) => [e.outcome, (e.params as { plan: { tier: string } }).plan.tier]),
      [
        ['failed', 'free'],
        ['succeeded', 'essential'],
      ],
    );
    assert.equal(entries[1]!.actorUser?.email, org.boss.email);
  });

  it('deletes a project only when its code is typed back, and only for Admin or Owner', async () => {
    const { project } = await org.boss.client.request(CreateProject, projectParams('Doomed project'));
    const developer = await person(org.agent, 'developer', 'dev-delete@example.com');
    org.people.push(developer);
    await org.boss.client.request(AddCollaborator, {
      projectId: project.id,
      grantee: { kind: 'user', email: developer.email },
      role: 'developerPlus',
    });
    const forbidden = await rpcErrorOf(
      developer.client.request(DeleteProject, { projectId: project.id, confirmCode: project.code }),
    );
    assert.equal(forbidden.code, ErrorCode.Forbidden);
    const mistyped = await rpcErrorOf(
      org.boss.client.request(DeleteProject, { projectId: project.id, confirmCode: 'doomed' }),
    );
    assert.equal(mistyped.code, ErrorCode.InvalidParams);
    await org.boss.client.request(DeleteProject, { projectId: project.id, confirmCode: project.code });
    assert.equal(
      (await rpcErrorOf(org.boss.client.request(GetProject, { projectId: project.id }))).code,
      ErrorCode.NotFound,
    );
  });
});
