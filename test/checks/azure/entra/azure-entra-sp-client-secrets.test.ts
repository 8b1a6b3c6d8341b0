import { describe, expect, it } from 'vitest';
import check from '../../../../checks/azure/entra/azure-entra-sp-client-secrets.js';
import type { RoleAssignment, ServicePrincipal } from '../../../../source/model/azure-snapshot.js';
import { accessDenied, azureSnapshot } from '../../../fixtures/snapshots.js';

const TENANT = '/tenants/00000000-0000-0000-0000-00000000aaaa';
const SUB = '/subscriptions/00000000-0000-0000-0000-00000000bbbb';

const sp = (parts: Partial<ServicePrincipal>): ServicePrincipal => ({
  id: 'sp1',
  appId: 'app1',
  displayName: 'deploy-pipeline',
  servicePrincipalType: 'Application',
  passwordCredentials: [],
  keyCredentials: [],
  ...parts,
});

const assignment = (principalId: string, roleName = 'Contributor'): RoleAssignment => ({
  id: `${SUB}/providers/Microsoft.Authorization/roleAssignments/${principalId}-${roleName}`,
  scope: SUB,
  roleDefinitionId: '/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c',
  roleName,
  principalId,
  principalType: 'ServicePrincipal',
});

const secret = {
  keyId: 's1',
  displayName: 'ci',
  startDateTime: '2026-01-01T00:00:00Z',
  endDateTime: '2027-01-01T00:00:00Z',
};

const evaluate = (principals: ServicePrincipal[], assignments: RoleAssignment[]) =>
  check.evaluate(
    azureSnapshot({
      entra: { servicePrincipals: principals },
      authorization: { roleAssignments: assignments },
    }),
  );

describe('azure-entra-sp-client-secrets', () => {
  it('fails an application with a client secret and a role on the subscription, naming the role', () => {
    const results = evaluate(
      [sp({ passwordCredentials: [secret] })],
      [assignment('sp1'), assignment('sp1', 'Key Vault Reader')],
    );
    expect(results).toMatchObject([{ status: 'FAIL', resourceId: `${TENANT}/servicePrincipals/sp1` }]);
    expect(results[0]?.reason).toContain('Contributor, Key Vault Reader');
    expect(results[0]?.reason).toContain('managed identity');
  });

  it('passes managed identities and applications that use certificates or federation', () => {
    const results = evaluate(
      [
        sp({ id: 'mi', displayName: 'api-identity', servicePrincipalType: 'ManagedIdentity' }),
        sp({ id: 'cert', keyCredentials: [{ keyId: 'c1' }] }),
        sp({ id: 'fed', federatedCredentialCount: 1 }),
      ],
      [assignment('mi'), assignment('cert'), assignment('fed')],
    );
    expect(results.map((r) => r.status)).toEqual(['PASS', 'PASS', 'PASS']);
    expect(results[1]?.reason).toContain('certificates');
    expect(results[2]?.reason).toContain('federated credentials');
  });

  it('ignores principals with no role on this subscription, and user or group assignments', () => {
    const userWithSameId: RoleAssignment = { ...assignment('sp1'), principalType: 'User' };
    expect(evaluate([sp({ passwordCredentials: [secret] })], [userWithSameId])).toEqual([]);
  });

  it('does not count a secret that has already expired as a standing credential', () => {
    const expired = { ...secret, endDateTime: '2026-06-01T00:00:00Z' };
    const [result] = evaluate([sp({ passwordCredentials: [expired] })], [assignment('sp1')]);
    expect(result?.status).toBe('PASS');
  });

  it('is UNKNOWN for the subscription when role assignments could not be read', () => {
    const snapshot = azureSnapshot({
      entra: { servicePrincipals: [sp({ passwordCredentials: [secret] })] },
      errors: [accessDenied('Microsoft.Authorization', 'roleAssignments.listForSubscription')],
    });
    const [result] = check.evaluate(snapshot);
    expect(result).toMatchObject({ status: 'UNKNOWN', resourceId: SUB });
    expect(result?.reason).toContain('roleAssignments.listForSubscription');
  });

  it('is UNKNOWN for the tenant, naming Application.Read.All, when service principals could not be read', () => {
    const snapshot = azureSnapshot({
      authorization: { roleAssignments: [] },
      errors: [accessDenied('graph', 'servicePrincipals.list')],
    });
    const [result] = check.evaluate(snapshot);
    expect(result).toMatchObject({ status: 'UNKNOWN', resourceId: TENANT });
    expect(result?.reason).toContain('Application.Read.All');
  });
});
