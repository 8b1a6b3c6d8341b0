import { describe, expect, it } from 'vitest';
import check from '../../../../checks/azure/policy/azure-policy-security-initiative.js';
import type { PolicyAssignment } from '../../../../source/model/azure-snapshot.js';
import { accessDenied, azureSnapshot } from '../../../fixtures/snapshots.js';

const SUB = '/subscriptions/00000000-0000-0000-0000-00000000bbbb';
const MG = '/providers/Microsoft.Management/managementGroups/ledgerline';

const assignment = (parts: Partial<PolicyAssignment>): PolicyAssignment => ({
  id: `${SUB}/providers/Microsoft.Authorization/policyAssignments/mcsb`,
  name: 'mcsb',
  displayName: 'Microsoft cloud security benchmark',
  policyDefinitionId:
    '/providers/Microsoft.Authorization/policySetDefinitions/1f3afdf9-d0c9-4c3d-847f-89da613e70a8',
  scope: SUB,
  enforcementMode: 'Default',
  isInitiative: true,
  ...parts,
});

const evaluate = (...assignments: PolicyAssignment[]) =>
  check.evaluate(azureSnapshot({ policy: { assignments } }));

describe('azure-policy-security-initiative', () => {
  it('passes an enforced initiative at the subscription or at a management group above it', () => {
    const [atSub] = evaluate(assignment({}));
    expect(atSub).toMatchObject({ status: 'PASS', resourceId: SUB });
    expect(atSub?.reason).toContain("'Microsoft cloud security benchmark'");
    expect(evaluate(assignment({ scope: MG }))[0]?.status).toBe('PASS');
    expect(evaluate(assignment({ scope: SUB.toUpperCase() }))[0]?.status).toBe('PASS');
  });

  it('fails an initiative set to DoNotEnforce, and says so', () => {
    const [result] = evaluate(assignment({ enforcementMode: 'DoNotEnforce' }));
    expect(result?.status).toBe('FAIL');
    expect(result?.reason).toContain('is set to DoNotEnforce');
  });

  it('does not count single policies or initiatives on a resource group or another subscription', () => {
    const results = evaluate(
      assignment({ isInitiative: false }),
      assignment({ scope: `${SUB}/resourceGroups/payments` }),
      assignment({ scope: '/subscriptions/00000000-0000-0000-0000-00000000cccc' }),
    );
    expect(results).toMatchObject([{ status: 'FAIL', resourceId: SUB }]);
    expect(results[0]?.reason).not.toContain('DoNotEnforce');
  });

  it('is UNKNOWN for the subscription when policy assignments could not be read', () => {
    const snapshot = azureSnapshot({
      errors: [accessDenied('Microsoft.Authorization', 'policyAssignments.list')],
    });
    const [result] = check.evaluate(snapshot);
    expect(result).toMatchObject({ status: 'UNKNOWN', resourceId: SUB });
    expect(result?.reason).toContain('policyAssignments.list');
  });
});
