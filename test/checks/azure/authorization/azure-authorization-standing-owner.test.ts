import { describe, expect, it } from 'vitest';
import check from '../../../../checks/azure/authorization/azure-authorization-standing-owner.js';
import type { RoleAssignment } from '../../../../source/model/azure-snapshot.js';
import { accessDenied, azureSnapshot } from '../../../fixtures/snapshots.js';

const SUB = '/subscriptions/00000000-0000-0000-0000-00000000bbbb';
const OWNER = `${SUB}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635`;
const UAA = `${SUB}/providers/Microsoft.Authorization/roleDefinitions/18d7d88d-d35e-4fb5-a5c3-7773c20a72d9`;
const READER = `${SUB}/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7`;

const assignment = (parts: Partial<RoleAssignment>): RoleAssignment => ({
  id: `${SUB}/providers/Microsoft.Authorization/roleAssignments/a1`,
  scope: SUB,
  roleDefinitionId: OWNER,
  roleName: 'Owner',
  principalId: 'u1',
  principalType: 'User',
  principalName: 'dana@ledgerline.example',
  ...parts,
});

const PIM_DENIED = accessDenied('Microsoft.Authorization', 'roleAssignmentScheduleInstances.listForScope', {
  permission: 'Microsoft.Authorization/roleAssignmentScheduleInstances/read',
});

const evaluate = (assignments: RoleAssignment[], errors = [] as ReturnType<typeof accessDenied>[]) =>
  check.evaluate(azureSnapshot({ authorization: { roleAssignments: assignments }, errors }));

describe('azure-authorization-standing-owner', () => {
  it('fails a standing Owner assignment to a user, naming the user and scope', () => {
    const [result] = evaluate([assignment({ assignmentType: 'Assigned' })]);
    expect(result).toMatchObject({ status: 'FAIL', resourceId: assignment({}).id });
    expect(result?.reason).toContain('dana@ledgerline.example holds Owner');
  });

  it('fails a user assignment with no PIM data when PIM was read without error (PIM not in use)', () => {
    expect(
      evaluate([assignment({ roleName: 'User Access Administrator', roleDefinitionId: UAA })])[0]?.status,
    ).toBe('FAIL');
  });

  it('passes PIM activations and group assignments', () => {
    const results = evaluate([
      assignment({ id: 'a1', assignmentType: 'Activated' }),
      assignment({ id: 'a2', principalType: 'Group', principalName: 'platform-admins' }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['PASS', 'PASS']);
    expect(results[1]?.reason).toContain('group platform-admins');
  });

  it('recognises the role by definition id even when its name differs, and ignores other roles', () => {
    const results = evaluate([
      assignment({ id: 'renamed', roleName: 'Besitzer' }),
      assignment({ id: 'reader', roleName: 'Reader', roleDefinitionId: READER }),
      assignment({ id: 'sp', principalType: 'ServicePrincipal' }),
    ]);
    expect(results).toMatchObject([{ status: 'FAIL', resourceId: 'renamed' }]);
  });

  it('is UNKNOWN for a user assignment when PIM schedules could not be read, naming the operation', () => {
    const [result] = evaluate([assignment({})], [PIM_DENIED]);
    expect(result?.status).toBe('UNKNOWN');
    expect(result?.reason).toContain('roleAssignmentScheduleInstances.listForScope');
    expect(result?.reason).toContain('dana@ledgerline.example');
    // An assignment PIM did report on is still judged.
    expect(evaluate([assignment({ assignmentType: 'Assigned' })], [PIM_DENIED])[0]?.status).toBe('FAIL');
  });

  it('is UNKNOWN for the subscription when role assignments could not be read', () => {
    const snapshot = azureSnapshot({
      errors: [accessDenied('Microsoft.Authorization', 'roleAssignments.listForSubscription')],
    });
    expect(check.evaluate(snapshot)).toMatchObject([{ status: 'UNKNOWN', resourceId: SUB }]);
    expect(check.evaluate(snapshot)[0]?.reason).toContain('roleAssignments.listForSubscription');
  });
});
