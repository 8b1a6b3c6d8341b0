import { describe, expect, it } from 'vitest';
import check from '../../../../checks/azure/entra/azure-entra-ca-mfa.js';
import type { ConditionalAccessPolicy } from '../../../../source/model/azure-snapshot.js';
import { accessDenied, azureSnapshot } from '../../../fixtures/snapshots.js';

const TENANT = '/tenants/00000000-0000-0000-0000-00000000aaaa';

const policy = (
  parts: Partial<ConditionalAccessPolicy> = {},
  users: object = {},
): ConditionalAccessPolicy => ({
  id: 'p1',
  displayName: 'Require MFA',
  state: 'enabled',
  conditions: {
    users: {
      includeUsers: ['All'],
      excludeUsers: ['bg1'],
      includeGroups: [],
      excludeGroups: [],
      includeRoles: [],
      ...users,
    },
    applications: { includeApplications: ['All'], excludeApplications: [] },
  },
  grantControls: { operator: 'OR', builtInControls: ['mfa'] },
  ...parts,
});

const evaluate = (...policies: ConditionalAccessPolicy[]) =>
  check.evaluate(azureSnapshot({ entra: { conditionalAccessPolicies: policies } }));

describe('azure-entra-ca-mfa', () => {
  it('passes an enabled policy requiring MFA for all users on all apps, with break-glass exclusions', () => {
    const results = evaluate(policy({}, { excludeUsers: ['bg1', 'bg2'] }));
    expect(results).toMatchObject([{ status: 'PASS', resourceId: TENANT }]);
    expect(results[0]?.reason).toContain("'Require MFA'");
  });

  it('fails a report-only MFA policy and says it enforces nothing', () => {
    const [result] = evaluate(policy({ state: 'enabledForReportingButNotEnforced' }));
    expect(result).toMatchObject({ status: 'FAIL', resourceId: TENANT });
    expect(result?.reason).toContain("'Require MFA' is report-only");
  });

  it('fails a disabled policy, and one that leaves the tenant without any MFA policy', () => {
    expect(evaluate(policy({ state: 'disabled' }))[0]?.reason).toContain('is disabled');
    const [none] = evaluate(
      policy({ displayName: 'Block legacy', grantControls: { operator: 'OR', builtInControls: ['block'] } }),
    );
    expect(none).toMatchObject({ status: 'FAIL' });
    expect(none?.reason).toContain('1 policies read');
  });

  it('does not count policies scoped to some users, some apps or with many exclusions', () => {
    const [some] = evaluate(policy({}, { includeUsers: [], includeGroups: ['admins'] }));
    expect(some?.reason).toContain('does not cover all users');
    const apps = policy({
      conditions: {
        ...policy().conditions,
        applications: { includeApplications: ['app-1'], excludeApplications: [] },
      },
    });
    expect(evaluate(apps)[0]?.reason).toContain('does not cover all cloud apps');
    const [holes] = evaluate(policy({}, { excludeUsers: ['a', 'b'], excludeGroups: ['contractors'] }));
    expect(holes).toMatchObject({ status: 'FAIL' });
    expect(holes?.reason).toContain('excludes 3 users or groups');
  });

  it('does not count MFA OR-ed with a device, since a device alone then gets in', () => {
    const [result] = evaluate(
      policy({ grantControls: { operator: 'OR', builtInControls: ['mfa', 'compliantDevice'] } }),
    );
    expect(result?.status).toBe('FAIL');
    expect(result?.reason).toContain('accepts a compliant device instead of MFA');
    const and = evaluate(
      policy({ grantControls: { operator: 'AND', builtInControls: ['mfa', 'compliantDevice'] } }),
    );
    expect(and[0]?.status).toBe('PASS');
  });

  it('passes when one of several policies qualifies', () => {
    const results = evaluate(policy({ id: 'p0', displayName: 'Trial', state: 'disabled' }), policy());
    expect(results).toHaveLength(1);
    expect(results[0]?.status).toBe('PASS');
  });

  it('is UNKNOWN for the tenant, naming Policy.Read.All, when policies could not be read', () => {
    const snapshot = azureSnapshot({
      entra: { servicePrincipals: [] },
      errors: [accessDenied('graph', 'conditionalAccess.policies.list')],
    });
    const [result] = check.evaluate(snapshot);
    expect(result).toMatchObject({ status: 'UNKNOWN', resourceId: TENANT });
    expect(result?.reason).toContain('conditionalAccess.policies.list');
    expect(result?.reason).toContain('Policy.Read.All');
  });
});
