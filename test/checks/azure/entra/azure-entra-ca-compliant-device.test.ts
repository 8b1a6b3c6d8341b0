import { describe, expect, it } from 'vitest';
import check from '../../../../checks/azure/entra/azure-entra-ca-compliant-device.js';
import { GLOBAL_ADMINISTRATOR_ROLE } from '../../../../checks/lib/azure.js';
import type { ConditionalAccessPolicy } from '../../../../source/model/azure-snapshot.js';
import { accessDenied, azureSnapshot } from '../../../fixtures/snapshots.js';

const TENANT = '/tenants/00000000-0000-0000-0000-00000000aaaa';

const policy = (
  parts: Partial<ConditionalAccessPolicy> = {},
  users: object = {},
): ConditionalAccessPolicy => ({
  id: 'p1',
  displayName: 'Managed devices',
  state: 'enabled',
  conditions: {
    users: {
      includeUsers: ['All'],
      excludeUsers: [],
      includeGroups: [],
      excludeGroups: [],
      includeRoles: [],
      ...users,
    },
    applications: { includeApplications: ['All'], excludeApplications: [] },
  },
  grantControls: { operator: 'OR', builtInControls: ['compliantDevice', 'domainJoinedDevice'] },
  ...parts,
});

const evaluate = (...policies: ConditionalAccessPolicy[]) =>
  check.evaluate(azureSnapshot({ entra: { conditionalAccessPolicies: policies } }));

describe('azure-entra-ca-compliant-device', () => {
  it('passes an enabled policy requiring a compliant or domain-joined device for all users', () => {
    const results = evaluate(policy());
    expect(results).toMatchObject([{ status: 'PASS', resourceId: TENANT }]);
    expect(results[0]?.reason).toContain('for all users');
  });

  it('passes a policy for admin roles only, and says other users are not covered', () => {
    const admins = policy(
      { displayName: 'Admins on managed devices' },
      { includeUsers: [], includeRoles: [GLOBAL_ADMINISTRATOR_ROLE] },
    );
    const [result] = evaluate(admins);
    expect(result?.status).toBe('PASS');
    expect(result?.reason).toContain('for admin roles');
    expect(result?.reason).toContain('not yet covered');
  });

  it('prefers naming the all-users policy when both exist', () => {
    const admins = policy(
      { displayName: 'Admins' },
      { includeUsers: [], includeRoles: [GLOBAL_ADMINISTRATOR_ROLE] },
    );
    expect(evaluate(admins, policy({ displayName: 'Everyone' }))[0]?.reason).toContain("'Everyone'");
  });

  it('fails "compliant device OR MFA": MFA from an unmanaged laptop satisfies it', () => {
    const [result] = evaluate(
      policy({ grantControls: { operator: 'OR', builtInControls: ['compliantDevice', 'mfa'] } }),
    );
    expect(result).toMatchObject({ status: 'FAIL', resourceId: TENANT });
    expect(result?.reason).toContain('accepts MFA instead of a managed device');
  });

  it('passes a device AND MFA policy', () => {
    const both = policy({ grantControls: { operator: 'AND', builtInControls: ['compliantDevice', 'mfa'] } });
    expect(evaluate(both)[0]?.status).toBe('PASS');
  });

  it('fails a report-only device policy, and a tenant with no device policy at all', () => {
    const [reportOnly] = evaluate(policy({ state: 'enabledForReportingButNotEnforced' }));
    expect(reportOnly?.status).toBe('FAIL');
    expect(reportOnly?.reason).toContain('report-only');
    const [none] = evaluate(policy({ grantControls: { operator: 'OR', builtInControls: ['mfa'] } }));
    expect(none?.status).toBe('FAIL');
    expect(none?.reason).toContain('none asks for a device');
  });

  it('fails a device policy scoped to a group that is neither everyone nor the admin roles', () => {
    const [result] = evaluate(policy({}, { includeUsers: [], includeGroups: ['finance'] }));
    expect(result?.status).toBe('FAIL');
    expect(result?.reason).toContain('covers neither all users nor admin roles');
  });

  it('is UNKNOWN for the tenant, naming Policy.Read.All, when policies could not be read', () => {
    const snapshot = azureSnapshot({
      errors: [accessDenied('graph', 'conditionalAccess.policies.list', { permission: 'Policy.Read.All' })],
    });
    const [result] = check.evaluate(snapshot);
    expect(result).toMatchObject({ status: 'UNKNOWN', resourceId: TENANT });
    expect(result?.reason).toContain('missing Policy.Read.All');
  });
});
