import { describe, expect, it } from 'vitest';
import standingOwner from '../../checks/azure/authorization/azure-authorization-standing-owner.js';
import { collectAuthorization } from '../../source/collect/azure/authorization.js';
import type { AzureSnapshot, RoleAssignment } from '../../source/model/azure-snapshot.js';
import type { CollectionError } from '../../source/model/snapshot.js';
import {
  azureWirePerTest,
  expectDenied,
  expectOnlyGets,
  expectUnjudged,
  statusByResource,
  wireSnapshot,
} from './azure-harness.js';
import {
  answering,
  armList,
  authorizationFailed,
  SUBSCRIPTION,
  throttledOnce,
  type AzureHandler,
} from './azure-wire.js';
import {
  assignmentId,
  ASSIGNMENTS,
  governanceSubscription,
  PRINCIPALS,
  roleDefinitionId,
} from './fixtures/azure-governance.js';

const wire = azureWirePerTest(governanceSubscription);

/** Collects role assignments from the fixture subscription; `override` answers first where it answers. */
async function collect(override?: AzureHandler) {
  const { section, ...rest } = await wire.collect(collectAuthorization, override);
  return { authorization: section, ...rest };
}

const evaluate = (authorization: AzureSnapshot['authorization'], errors: CollectionError[]) =>
  standingOwner.evaluate(wireSnapshot({ authorization, errors }));

const byId = (assignments: RoleAssignment[] | undefined, a: Parameters<typeof assignmentId>[0]) =>
  assignments?.find((r) => r.id === assignmentId(a));

describe('collectAuthorization on the wire', () => {
  it('reads every role assignment across both pages, with its role name, PIM type and principal name', async () => {
    const { authorization, errors, calls } = await collect();
    expect(errors).toEqual([]);
    const roleAssignments = authorization?.roleAssignments;
    expect(roleAssignments?.map((a) => a.id).sort()).toEqual(
      Object.values(ASSIGNMENTS).map(assignmentId).sort(),
    );
    const pages = calls.filter((c) => c.path.endsWith('/providers/Microsoft.Authorization/roleAssignments'));
    expect(pages.map((c) => c.query.get('$skiptoken'))).toEqual([null, 'page-2']);
    expect(byId(roleAssignments, ASSIGNMENTS.markOwner)).toEqual({
      id: `${SUBSCRIPTION}/providers/Microsoft.Authorization/roleAssignments/a5510000-0000-4000-8000-000000000001`,
      scope: SUBSCRIPTION,
      roleDefinitionId: roleDefinitionId('Owner'),
      roleName: 'Owner',
      principalId: PRINCIPALS.mark.id,
      principalType: 'User',
      principalName: 'mark.chen@ledgerline.io',
      assignmentType: 'Assigned',
      createdOn: '2024-05-14T08:12:00.000Z',
    });
    expect(byId(roleAssignments, ASSIGNMENTS.priyaOwner)).toMatchObject({ assignmentType: 'Activated' });
    // PIM's record of the contractor carries no assignment id: matched by principal, role and scope.
    expect(byId(roleAssignments, ASSIGNMENTS.contractorUaa)).toMatchObject({
      roleName: 'User Access Administrator',
      assignmentType: 'Assigned',
    });
    // Priya's activation through the group is hers, not the group's: the group's own assignment stands.
    expect(byId(roleAssignments, ASSIGNMENTS.ownersGroup)).toMatchObject({
      principalType: 'Group',
      principalName: 'sg-payments-owners',
      assignmentType: 'Assigned',
    });
  });

  it('names inherited roles defined at the root, and leaves PIM fields out where PIM has no record', async () => {
    const { authorization } = await collect();
    const inherited = byId(authorization?.roleAssignments, ASSIGNMENTS.platformOwner);
    expect(inherited).toMatchObject({
      scope: '/providers/Microsoft.Management/managementGroups/ledgerline',
      roleDefinitionId: roleDefinitionId('Owner', '/'),
      roleName: 'Owner',
      principalType: 'Group',
    });
    expect(inherited).not.toHaveProperty('assignmentType');
    expect(inherited).not.toHaveProperty('principalName');
    expect(byId(authorization?.roleAssignments, ASSIGNMENTS.reportingReader)).toMatchObject({
      scope: `${SUBSCRIPTION}/resourceGroups/rg-payments-app`,
      roleName: 'Reader',
      principalType: 'ServicePrincipal',
    });
  });

  it('asks for role definitions and PIM instances at the subscription, never at a //subscriptions path', async () => {
    const { calls } = await collect();
    const paths = calls.map((c) => c.path);
    expect(paths).toContain(`${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions`);
    expect(paths).toContain(
      `${SUBSCRIPTION}/providers/Microsoft.Authorization/roleAssignmentScheduleInstances`,
    );
    expect(paths.filter((p) => p.startsWith('//'))).toEqual([]);
  });

  it('gives the standing-owner check a FAIL for standing users and a PASS for activations and groups', async () => {
    const { authorization, errors } = await collect();
    expect(statusByResource(evaluate(authorization, errors))).toEqual({
      [assignmentId(ASSIGNMENTS.markOwner)]: 'FAIL',
      [assignmentId(ASSIGNMENTS.contractorUaa)]: 'FAIL',
      [assignmentId(ASSIGNMENTS.priyaOwner)]: 'PASS',
      [assignmentId(ASSIGNMENTS.ownersGroup)]: 'PASS',
      [assignmentId(ASSIGNMENTS.platformOwner)]: 'PASS',
    });
    const mark = evaluate(authorization, errors).find(
      (r) => r.resourceId === assignmentId(ASSIGNMENTS.markOwner),
    );
    expect(mark?.reason).toContain('mark.chen@ledgerline.io holds Owner');
  });

  it('leaves the section out when role assignments are denied, and the check names the permission', async () => {
    const action = 'Microsoft.Authorization/roleAssignments/read';
    const { authorization, errors, calls } = await collect(
      answering('/roleAssignments', authorizationFailed(action, SUBSCRIPTION)),
    );
    expect(authorization).toBeUndefined();
    expectDenied(errors, {
      service: 'Microsoft.Authorization',
      operation: 'roleAssignments.listForSubscription',
      permission: action,
    });
    // Nothing to name or classify: the follow-up reads are not made.
    expect(calls.map((c) => c.path)).toEqual([
      `${SUBSCRIPTION}/providers/Microsoft.Authorization/roleAssignments`,
    ]);
    expectUnjudged(evaluate(authorization, errors), action);
  });

  it('leaves every assignment type unknown when PIM is denied: UNKNOWN for users only', async () => {
    const action = 'Microsoft.Authorization/roleAssignmentScheduleInstances/read';
    const { authorization, errors } = await collect(
      answering('/roleAssignmentScheduleInstances', authorizationFailed(action, SUBSCRIPTION)),
    );
    expect(authorization?.roleAssignments).toHaveLength(Object.keys(ASSIGNMENTS).length);
    for (const a of authorization?.roleAssignments ?? []) {
      expect(a).not.toHaveProperty('assignmentType');
      expect(a).not.toHaveProperty('principalName');
    }
    expectDenied(errors, {
      service: 'Microsoft.Authorization',
      operation: 'roleAssignmentScheduleInstances.list',
      permission: action,
    });
    const results = evaluate(authorization, errors);
    expect(statusByResource(results)).toEqual({
      [assignmentId(ASSIGNMENTS.markOwner)]: 'UNKNOWN',
      [assignmentId(ASSIGNMENTS.contractorUaa)]: 'UNKNOWN',
      [assignmentId(ASSIGNMENTS.priyaOwner)]: 'UNKNOWN',
      [assignmentId(ASSIGNMENTS.ownersGroup)]: 'PASS',
      [assignmentId(ASSIGNMENTS.platformOwner)]: 'PASS',
    });
    expect(results.find((r) => r.status === 'UNKNOWN')?.reason).toContain(action);
  });

  it('treats an empty PIM answer as "PIM not in use": no type, no error, standing users FAIL', async () => {
    const { authorization, errors } = await collect(
      answering('/roleAssignmentScheduleInstances', armList([])),
    );
    expect(errors).toEqual([]);
    expect(authorization?.roleAssignments.every((a) => a.assignmentType === undefined)).toBe(true);
    const results = statusByResource(evaluate(authorization, errors));
    expect(results[assignmentId(ASSIGNMENTS.markOwner)]).toBe('FAIL');
    expect(results[assignmentId(ASSIGNMENTS.priyaOwner)]).toBe('FAIL');
  });

  it('falls back to the role GUID when role definitions are denied; the check still knows Owner by id', async () => {
    const action = 'Microsoft.Authorization/roleDefinitions/read';
    const { authorization, errors } = await collect(
      answering('/roleDefinitions', authorizationFailed(action, SUBSCRIPTION)),
    );
    expect(errors).toMatchObject([
      { service: 'Microsoft.Authorization', operation: 'roleDefinitions.list', permission: action },
    ]);
    expect(byId(authorization?.roleAssignments, ASSIGNMENTS.markOwner)?.roleName).toBe(
      '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
    );
    expect(statusByResource(evaluate(authorization, errors))[assignmentId(ASSIGNMENTS.markOwner)]).toBe(
      'FAIL',
    );
  });

  it('retries a throttled page transparently', async () => {
    const { authorization, errors, calls } = await collect(
      throttledOnce('/roleAssignments', '/roleAssignmentScheduleInstances'),
    );
    expect(errors).toEqual([]);
    expect(authorization?.roleAssignments).toHaveLength(Object.keys(ASSIGNMENTS).length);
    expect(byId(authorization?.roleAssignments, ASSIGNMENTS.priyaOwner)?.assignmentType).toBe('Activated');
    expect(calls.filter((c) => c.path.endsWith('/roleAssignments'))).toHaveLength(3);
  });

  it('only reads', async () => {
    const { calls } = await collect();
    expectOnlyGets(calls);
  });
});
