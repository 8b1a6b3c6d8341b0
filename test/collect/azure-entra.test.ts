import { describe, expect, it } from 'vitest';
import caCompliantDevice from '../../checks/azure/entra/azure-entra-ca-compliant-device.js';
import caMfa from '../../checks/azure/entra/azure-entra-ca-mfa.js';
import spClientSecrets from '../../checks/azure/entra/azure-entra-sp-client-secrets.js';
import spSecretLifetime from '../../checks/azure/entra/azure-entra-sp-secret-lifetime.js';
import { AzureCollectionCancelled } from '../../source/collect/azure/context.js';
import { collectEntra } from '../../source/collect/azure/entra.js';
import type { AzureEntra, RoleAssignment } from '../../source/model/azure-snapshot.js';
import type { CollectionError } from '../../source/model/snapshot.js';
import {
  azureWirePerTest,
  expectDenied,
  expectOnlyGets,
  statusByResource,
  wireSnapshot,
} from './azure-harness.js';
import {
  answering,
  graphDenied,
  graphList,
  SUBSCRIPTION,
  TENANT_ID,
  throttled,
  throttledOnce,
  twoPages,
  type AzureHandler,
} from './azure-wire.js';
import {
  APP,
  BREAK_GLASS,
  CA,
  CA_POLICIES,
  entraTenant,
  GLOBAL_ADMINISTRATOR,
  KEY,
  SECRET_HINT,
  SP,
} from './fixtures/azure-entra.js';

const wire = azureWirePerTest(entraTenant);

/** Collects the tenant from `override`, falling back to the fixture tenant for what it leaves. */
async function collect(override?: AzureHandler, signal?: AbortSignal) {
  const { section, ...rest } = await wire.collect(collectEntra, override, signal ? { signal } : {});
  return { entra: section, ...rest };
}

const CA_PATH = '/v1.0/identity/conditionalAccess/policies';

const TENANT = `/tenants/${TENANT_ID}`;
const spResource = (id: string) => `${TENANT}/servicePrincipals/${id}`;

/** Role assignments the authorization collector would read for the fixture's principals. */
function assignment(principalId: string, roleName: string): RoleAssignment {
  return {
    id: `${SUBSCRIPTION}/providers/Microsoft.Authorization/roleAssignments/${principalId}`,
    scope: SUBSCRIPTION,
    roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${roleName}`,
    roleName,
    principalId,
    principalType: 'ServicePrincipal',
  };
}

const ROLE_ASSIGNMENTS = [
  assignment(SP.paymentsCi, 'Contributor'),
  assignment(SP.reporting, 'Reader'),
  assignment(SP.githubDeploy, 'Contributor'),
  assignment(SP.paymentsApi, 'Key Vault Crypto Service Encryption User'),
  assignment(SP.backupSync, 'Contributor'),
];

function evaluate(entra: AzureEntra | undefined, errors: CollectionError[]) {
  const snapshot = wireSnapshot({
    ...(entra ? { entra } : {}),
    errors,
    authorization: { roleAssignments: ROLE_ASSIGNMENTS },
  });
  const verdicts = (check: typeof caMfa) => statusByResource(check.evaluate(snapshot));
  const reasons = (check: typeof caMfa) => check.evaluate(snapshot).map((r) => r.reason);
  return {
    mfa: verdicts(caMfa),
    device: verdicts(caCompliantDevice),
    secrets: verdicts(spClientSecrets),
    lifetime: verdicts(spSecretLifetime),
    reasons,
  };
}

describe('collectEntra: the fixture tenant', () => {
  it('reads Conditional Access policies as the checks model them', async () => {
    const { entra, errors } = await collect();
    expect(errors).toEqual([]);
    const policies = entra?.conditionalAccessPolicies ?? [];
    expect(policies.map((p) => p.id)).toEqual(CA_POLICIES.map((p) => p.id));
    expect(policies[0]).toEqual({
      id: CA.mfaAllUsers,
      displayName: 'Require MFA for all users',
      state: 'enabled',
      conditions: {
        users: {
          includeUsers: ['All'],
          excludeUsers: [BREAK_GLASS],
          includeGroups: [],
          excludeGroups: [],
          includeRoles: [],
        },
        applications: { includeApplications: ['All'], excludeApplications: [] },
        clientAppTypes: ['all'],
      },
      grantControls: { operator: 'OR', builtInControls: ['mfa'] },
    });
    const byId = new Map(policies.map((p) => [p.id, p]));
    expect(byId.get(CA.deviceAllUsers)?.state).toBe('enabledForReportingButNotEnforced');
    expect(byId.get(CA.blockLegacy)?.conditions.clientAppTypes).toEqual(['exchangeActiveSync', 'other']);
    expect(byId.get(CA.adminSignInFrequency)?.conditions.users.includeRoles).toEqual([GLOBAL_ADMINISTRATOR]);
  });

  it('keeps a session-only policy as grantControls null, not as an error or an empty grant', async () => {
    const { entra, errors } = await collect();
    const policy = entra?.conditionalAccessPolicies?.find((p) => p.id === CA.adminSignInFrequency);
    expect(policy?.grantControls).toBeNull();
    expect(errors).toEqual([]);
  });

  it('counts an authentication strength that satisfies MFA as the mfa control', async () => {
    const { entra } = await collect();
    const policy = entra?.conditionalAccessPolicies?.find((p) => p.id === CA.phishingResistantAdmins);
    expect(policy?.grantControls).toEqual({ operator: 'OR', builtInControls: ['mfa'] });
  });

  it("reads service principals across two pages, with their registration's credentials merged in", async () => {
    const { entra } = await collect();
    const principals = entra?.servicePrincipals ?? [];
    expect(principals.map((sp) => sp.id)).toEqual(Object.values(SP));
    const byId = new Map(principals.map((sp) => [sp.id, sp]));
    expect(byId.get(SP.paymentsCi)).toEqual({
      id: SP.paymentsCi,
      appId: APP.paymentsCi,
      displayName: 'ledgerline-payments-ci',
      servicePrincipalType: 'Application',
      passwordCredentials: [
        {
          keyId: KEY.ciSecret,
          displayName: 'github-actions',
          startDateTime: '2026-04-15T09:30:00.123Z',
          endDateTime: '2028-04-14T09:30:00.123Z',
        },
      ],
      keyCredentials: [],
      federatedCredentialCount: 0,
    });
    expect(byId.get(SP.reporting)?.keyCredentials).toEqual([
      {
        keyId: KEY.reportingCert,
        displayName: 'CN=ledgerline-reporting',
        startDateTime: '2026-08-03T00:00:00.000Z',
        endDateTime: '2027-08-03T00:00:00.000Z',
      },
    ]);
    expect(byId.get(SP.githubDeploy)?.federatedCredentialCount).toBe(2);
    // A secret added on the principal object itself counts as much as one on the registration.
    expect(byId.get(SP.crmConnector)?.passwordCredentials.map((c) => c.keyId)).toEqual([KEY.crmSecret]);
  });

  it('leaves the federated credential count unread for principals with no registration in the tenant', async () => {
    const { entra } = await collect();
    const byId = new Map((entra?.servicePrincipals ?? []).map((sp) => [sp.id, sp]));
    expect(byId.get(SP.paymentsApi)).toMatchObject({ servicePrincipalType: 'ManagedIdentity' });
    expect(byId.get(SP.paymentsApi)).not.toHaveProperty('federatedCredentialCount');
    expect(byId.get(SP.microsoftGraph)).not.toHaveProperty('federatedCredentialCount');
  });

  it('stores credential metadata only: no secret hint, secret text or key', async () => {
    const { entra } = await collect();
    const text = JSON.stringify(entra);
    expect(text).not.toContain(SECRET_HINT);
    expect(text).not.toMatch(/"hint"|"secretText"|"key"|customKeyIdentifier/);
  });

  it('asks for a Graph token (not the test server) and makes only GET requests under /v1.0/', async () => {
    const { calls, scopes } = await collect();
    expect(new Set(scopes)).toEqual(new Set(['https://graph.microsoft.com/.default']));
    expectOnlyGets(calls);
    expect(calls.every((c) => c.path.startsWith('/v1.0/'))).toBe(true);
    expect(calls.every((c) => c.headers.authorization === 'Bearer test-token')).toBe(true);
    const apps = calls.find((c) => c.path === '/v1.0/applications');
    expect(apps?.query.get('$expand')).toBe('federatedIdentityCredentials');
    expect(calls.filter((c) => c.path === '/v1.0/servicePrincipals')).toHaveLength(2);
  });
});

describe('collectEntra: the checks on what was collected', () => {
  it('passes MFA for all users and fails the report-only device policy', async () => {
    const { entra, errors } = await collect();
    const { mfa, device, reasons } = evaluate(entra, errors);
    expect(mfa).toEqual({ [TENANT]: 'PASS' });
    expect(device).toEqual({ [TENANT]: 'FAIL' });
    expect(reasons(caCompliantDevice)[0]).toContain("'Require a managed device' is report-only");
  });

  it('fails principals holding client secrets and passes certificates, federation and managed identities', async () => {
    const { entra, errors } = await collect();
    expect(evaluate(entra, errors).secrets).toEqual({
      [spResource(SP.paymentsCi)]: 'FAIL',
      [spResource(SP.reporting)]: 'PASS',
      [spResource(SP.githubDeploy)]: 'PASS',
      [spResource(SP.paymentsApi)]: 'PASS',
      [spResource(SP.backupSync)]: 'FAIL',
    });
  });

  it('fails the two-year and the expired secret, and passes the six-month one', async () => {
    const { entra, errors } = await collect();
    expect(evaluate(entra, errors).lifetime).toEqual({
      [spResource(SP.paymentsCi)]: 'FAIL',
      [spResource(SP.backupSync)]: 'PASS',
      [spResource(SP.crmConnector)]: 'FAIL',
    });
  });
});

describe('collectEntra: what could not be read', () => {
  const denied =
    (...paths: string[]): AzureHandler =>
    (request) =>
      paths.includes(request.path) ? graphDenied() : undefined;

  it('leaves Conditional Access out when Policy.Read.All is missing, and says so in the checks', async () => {
    const { entra, errors } = await collect(denied(CA_PATH));
    expect(entra?.conditionalAccessPolicies).toBeUndefined();
    expect(entra?.servicePrincipals).toHaveLength(7);
    expect(errors).toEqual([
      {
        service: 'graph',
        operation: 'conditionalAccess.policies.list',
        kind: 'AccessDenied',
        permission: 'Policy.Read.All',
        message: 'Authorization_RequestDenied: Insufficient privileges to complete the operation.',
      },
    ]);
    const { mfa, device, secrets, reasons } = evaluate(entra, errors);
    expect(mfa).toEqual({ [TENANT]: 'UNKNOWN' });
    expect(device).toEqual({ [TENANT]: 'UNKNOWN' });
    expect(reasons(caMfa)[0]).toContain('conditionalAccess.policies.list failed with AccessDenied');
    expect(reasons(caMfa)[0]).toContain('Policy.Read.All');
    expect(secrets[spResource(SP.paymentsCi)]).toBe('FAIL');
  });

  it('leaves service principals out when Application.Read.All is missing, and says so in the checks', async () => {
    const { entra, errors, calls } = await collect(denied('/v1.0/servicePrincipals', '/v1.0/applications'));
    expect(entra?.servicePrincipals).toBeUndefined();
    expect(entra?.conditionalAccessPolicies).toHaveLength(CA_POLICIES.length);
    // One missing permission, one error: the registrations are not asked for once principals failed.
    expectDenied(errors, {
      service: 'graph',
      operation: 'servicePrincipals.list',
      permission: 'Application.Read.All',
    });
    expect(calls.some((c) => c.path === '/v1.0/applications')).toBe(false);
    const { secrets, lifetime, mfa, reasons } = evaluate(entra, errors);
    expect(secrets).toEqual({ [TENANT]: 'UNKNOWN' });
    expect(lifetime).toEqual({ [TENANT]: 'UNKNOWN' });
    expect(reasons(spSecretLifetime)[0]).toContain('servicePrincipals.list failed with AccessDenied');
    expect(reasons(spSecretLifetime)[0]).toContain('Application.Read.All');
    expect(mfa).toEqual({ [TENANT]: 'PASS' });
  });

  it('leaves service principals out when the registrations cannot be read: their secrets would be missing', async () => {
    const { entra, errors } = await collect(denied('/v1.0/applications'));
    expect(entra?.servicePrincipals).toBeUndefined();
    expectDenied(errors, {
      operation: 'servicePrincipals.applications.list',
      permission: 'Application.Read.All',
    });
    const { secrets, reasons } = evaluate(entra, errors);
    expect(secrets).toEqual({ [TENANT]: 'UNKNOWN' });
    expect(reasons(spClientSecrets)[0]).toContain('servicePrincipals.applications.list failed');
  });

  it('returns no Entra section when nothing could be read, and every check names its permission', async () => {
    const { entra, errors } = await collect(denied(CA_PATH, '/v1.0/servicePrincipals'));
    expect(entra).toBeUndefined();
    expect(errors.map((e) => [e.operation, e.permission])).toEqual(
      expect.arrayContaining([
        ['conditionalAccess.policies.list', 'Policy.Read.All'],
        ['servicePrincipals.list', 'Application.Read.All'],
      ]),
    );
    const { reasons } = evaluate(entra, errors);
    expect(reasons(caCompliantDevice)[0]).toContain('Policy.Read.All');
    expect(reasons(spClientSecrets)[0]).toContain('Application.Read.All');
  });

  it('records a Graph error that is not a denial under its own kind', async () => {
    const { entra, errors } = await collect(
      answering(CA_PATH, {
        status: 400,
        body: { error: { code: 'BadRequest', message: 'Tenant is not licensed for Conditional Access.' } },
      }),
    );
    expect(entra?.conditionalAccessPolicies).toBeUndefined();
    expect(errors).toEqual([
      {
        service: 'graph',
        operation: 'conditionalAccess.policies.list',
        kind: 'Other',
        message: 'BadRequest: Tenant is not licensed for Conditional Access.',
      },
    ]);
  });
});

describe('collectEntra: paging, throttling and the wire', () => {
  it('follows @odata.nextLink for Conditional Access policies', async () => {
    const { entra, calls } = await collect(
      answering(CA_PATH, (request) => twoPages(request, CA_POLICIES, 1, graphList)),
    );
    expect(entra?.conditionalAccessPolicies?.map((p) => p.id)).toEqual(CA_POLICIES.map((p) => p.id));
    expect(calls.filter((c) => c.path === CA_PATH)).toHaveLength(2);
  });

  it('does not follow a next page to another host, so the token stays with Graph', async () => {
    const { entra, errors, calls } = await collect(
      answering(
        CA_PATH,
        graphList(CA_POLICIES.slice(0, 1), `https://graph.example.net${CA_PATH}?$skiptoken=x`),
      ),
    );
    expect(entra?.conditionalAccessPolicies).toBeUndefined();
    expect(errors).toEqual([
      expect.objectContaining({ operation: 'conditionalAccess.policies.list', kind: 'Other' }),
    ]);
    expect(errors[0]?.message).toContain('https://graph.example.net');
    expect(calls.filter((c) => c.path === CA_PATH)).toHaveLength(1);
  });

  it('retries a throttled call after Retry-After and records nothing', async () => {
    const { entra, errors, calls } = await collect(throttledOnce('/v1.0/servicePrincipals'));
    expect(errors).toEqual([]);
    expect(entra?.servicePrincipals).toHaveLength(7);
    expect(calls.filter((c) => c.path === '/v1.0/servicePrincipals')).toHaveLength(3);
  });

  it('records Throttled when Graph keeps refusing past the retries', async () => {
    const { entra, errors } = await collect(answering(CA_PATH, throttled()));
    expect(entra?.conditionalAccessPolicies).toBeUndefined();
    expect(errors).toEqual([
      expect.objectContaining({ operation: 'conditionalAccess.policies.list', kind: 'Throttled' }),
    ]);
  });

  it('stops when the collection is cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(collect(undefined, controller.signal)).rejects.toBeInstanceOf(AzureCollectionCancelled);
  });
});
