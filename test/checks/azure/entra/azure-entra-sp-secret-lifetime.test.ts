import { describe, expect, it } from 'vitest';
import check from '../../../../checks/azure/entra/azure-entra-sp-secret-lifetime.js';
import type { AppCredential, ServicePrincipal } from '../../../../source/model/azure-snapshot.js';
import { accessDenied, azureSnapshot } from '../../../fixtures/snapshots.js';

// The fixture snapshot was collected on 2026-11-01.
const sp = (...secrets: AppCredential[]): ServicePrincipal => ({
  id: 'sp1',
  appId: 'app1',
  displayName: 'billing-sync',
  servicePrincipalType: 'Application',
  passwordCredentials: secrets,
  keyCredentials: [],
});

const secret = (startDateTime?: string, endDateTime?: string): AppCredential => ({
  keyId: 'k1',
  displayName: 'prod',
  startDateTime,
  endDateTime,
});

const evaluate = (...principals: ServicePrincipal[]) =>
  check.evaluate(azureSnapshot({ entra: { servicePrincipals: principals } }));

describe('azure-entra-sp-secret-lifetime', () => {
  it('passes a secret valid for a year, including across a leap day', () => {
    const results = evaluate(sp(secret('2026-06-01T00:00:00Z', '2027-06-01T00:00:00Z')));
    expect(results).toMatchObject([
      { status: 'PASS', resourceId: '/tenants/00000000-0000-0000-0000-00000000aaaa/servicePrincipals/sp1' },
    ]);
    // 366 days: twelve months that include 29 February 2028.
    expect(evaluate(sp(secret('2027-06-01T00:00:00Z', '2028-06-01T00:00:00Z')))[0]?.status).toBe('PASS');
    expect(evaluate(sp(secret('2027-06-01T00:00:00Z', '2028-06-02T00:00:00Z')))[0]?.status).toBe('FAIL');
  });

  it('fails a secret valid for two years, saying how long', () => {
    const [result] = evaluate(sp(secret('2026-01-01T00:00:00Z', '2028-01-01T00:00:00Z')));
    expect(result?.status).toBe('FAIL');
    expect(result?.reason).toContain("'prod' is valid for 730 days");
  });

  it('fails an expired secret that is still present', () => {
    const [result] = evaluate(sp(secret('2025-01-01T00:00:00Z', '2025-12-31T00:00:00Z')));
    expect(result?.status).toBe('FAIL');
    expect(result?.reason).toContain('expired on 2025-12-31 but is still present');
  });

  it('is UNKNOWN for a secret with no recorded dates, and skips principals without secrets', () => {
    const [result] = evaluate(sp(secret()), { ...sp(), id: 'sp2', servicePrincipalType: 'ManagedIdentity' });
    expect(result?.status).toBe('UNKNOWN');
    expect(result?.reason).toContain('billing-sync');
    expect(evaluate(sp())).toEqual([]);
  });

  it('is UNKNOWN for the tenant when service principals could not be read', () => {
    const snapshot = azureSnapshot({
      errors: [accessDenied('graph', 'servicePrincipals.list', { permission: 'Application.Read.All' })],
    });
    const [result] = check.evaluate(snapshot);
    expect(result).toMatchObject({
      status: 'UNKNOWN',
      resourceId: '/tenants/00000000-0000-0000-0000-00000000aaaa',
    });
    expect(result?.reason).toContain('servicePrincipals.list');
  });
});
