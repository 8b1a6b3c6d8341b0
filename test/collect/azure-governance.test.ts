import { describe, expect, it } from 'vitest';
import defenderPlans from '../../checks/azure/defender/azure-defender-plans.js';
import activityLogExport from '../../checks/azure/monitor/azure-monitor-activity-log-export.js';
import activityLogRetention from '../../checks/azure/monitor/azure-monitor-activity-log-retention.js';
import securityInitiative from '../../checks/azure/policy/azure-policy-security-initiative.js';
import type { AzureCollectContext } from '../../source/collect/azure/context.js';
import { collectDefender, collectMonitor, collectPolicy } from '../../source/collect/azure/governance.js';
import type { AzureSnapshot } from '../../source/model/azure-snapshot.js';
import {
  azureWirePerTest,
  expectDenied,
  expectOnlyGets,
  expectUnjudged,
  wireSnapshot,
} from './azure-harness.js';
import {
  answering,
  armError,
  armList,
  authorizationFailed,
  SUBSCRIPTION,
  throttledOnce,
} from './azure-wire.js';
import {
  ACTIVITY_LOG_CATEGORIES,
  armDiagnosticSetting,
  armPolicyAssignment,
  AUDIT_STORAGE,
  EVENT_HUB_RULE,
  governanceSubscription,
  POLICIES,
  PRICINGS,
  SECURITY_BENCHMARK,
  WORKSPACES,
} from './fixtures/azure-governance.js';

const { collect } = azureWirePerTest(governanceSubscription);

const snapshot = (parts: Partial<AzureSnapshot>) => wireSnapshot({ subscriptionName: 'payments', ...parts });

/** Policy, Monitor and Defender at once, as the subscription's collection reads them. */
const allGovernance = (ctx: AzureCollectContext) =>
  Promise.all([collectPolicy(ctx), collectMonitor(ctx), collectDefender(ctx)]);

const MISSING_REGISTRATION = (namespace: string) =>
  armError(
    409,
    'MissingSubscriptionRegistration',
    `The subscription is not registered to use namespace '${namespace}'. See https://aka.ms/rps-not-found for how to register subscriptions.`,
  );

describe('collectPolicy on the wire', () => {
  it('reads every assignment across both pages: subscription, inherited, initiative or not', async () => {
    const { section, errors, calls } = await collect(collectPolicy);
    expect(errors).toEqual([]);
    expect(section?.assignments).toEqual([
      {
        id: `${SUBSCRIPTION}/providers/Microsoft.Authorization/policyAssignments/mcsb`,
        name: 'mcsb',
        displayName: 'Microsoft cloud security benchmark',
        policyDefinitionId: SECURITY_BENCHMARK,
        scope: SUBSCRIPTION,
        enforcementMode: 'Default',
        isInitiative: true,
      },
      expect.objectContaining({ name: 'iso27001', enforcementMode: 'DoNotEnforce', isInitiative: true }),
      // Inherited from the management group, and Azure left the (default) mode out.
      expect.objectContaining({
        name: 'allowed-locations',
        scope: '/providers/Microsoft.Management/managementGroups/ledgerline',
        enforcementMode: 'Default',
        isInitiative: false,
      }),
    ]);
    const pages = calls.filter((c) => c.path.endsWith('/policyAssignments'));
    expect(pages.map((c) => c.query.get('$skiptoken'))).toEqual([null, 'page-2']);
  });

  it('passes the initiative check with the enforced benchmark, fails it when only DoNotEnforce is left', async () => {
    const { section, errors } = await collect(collectPolicy);
    expect(securityInitiative.evaluate(snapshot({ policy: section, errors }))).toMatchObject([
      { status: 'PASS', resourceId: SUBSCRIPTION },
    ]);
    const withoutBenchmark = answering(
      '/policyAssignments',
      armList([POLICIES.iso, POLICIES.locations].map(armPolicyAssignment)),
    );
    const again = await collect(collectPolicy, withoutBenchmark);
    const [result] = securityInitiative.evaluate(snapshot({ policy: again.section, errors: again.errors }));
    expect(result?.status).toBe('FAIL');
    expect(result?.reason).toContain("'ISO 27001:2013' is set to DoNotEnforce");
  });

  it('leaves the section out when assignments are denied, and the check names the permission', async () => {
    const action = 'Microsoft.Authorization/policyAssignments/read';
    const { section, errors } = await collect(
      collectPolicy,
      answering('/policyAssignments', authorizationFailed(action, SUBSCRIPTION)),
    );
    expect(section).toBeUndefined();
    expectDenied(errors, {
      service: 'Microsoft.Authorization',
      operation: 'policyAssignments.list',
      permission: action,
    });
    expectUnjudged(securityInitiative.evaluate(snapshot({ policy: section, errors })), action);
  });

  it('records no assignments, and no error, when there are none', async () => {
    const { section, errors } = await collect(collectPolicy, answering('/policyAssignments', armList([])));
    expect(section).toEqual({ assignments: [] });
    expect(errors).toEqual([]);
    expect(securityInitiative.evaluate(snapshot({ policy: section, errors }))[0]?.status).toBe('FAIL');
  });
});

describe('collectMonitor on the wire', () => {
  it('reads the Activity Log settings at the subscription, and every workspace with its retention', async () => {
    const { section, errors, calls } = await collect(collectMonitor);
    expect(errors).toEqual([]);
    expect(section?.activityLogDiagnosticSettings).toEqual([
      {
        // Azure sends this id without its leading slash.
        id: `${SUBSCRIPTION}/providers/microsoft.insights/diagnosticSettings/activity-log-archive`,
        name: 'activity-log-archive',
        storageAccountId: AUDIT_STORAGE,
        workspaceId: WORKSPACES.security.id,
        logs: ACTIVITY_LOG_CATEGORIES.map((category) => ({ category, enabled: true })),
      },
      {
        id: `${SUBSCRIPTION}/providers/microsoft.insights/diagnosticSettings/to-siem`,
        name: 'to-siem',
        eventHubAuthorizationRuleId: EVENT_HUB_RULE,
        logs: ACTIVITY_LOG_CATEGORIES.map((category) => ({
          category,
          enabled: category === 'Administrative',
        })),
      },
    ]);
    expect(section?.logAnalyticsWorkspaces).toEqual([WORKSPACES.security, WORKSPACES.dev]);
    expect(calls.map((c) => c.path)).toContain(
      `${SUBSCRIPTION}/providers/Microsoft.Insights/diagnosticSettings`,
    );
  });

  it('passes the export and retention checks for the archive setting; fails export for an event hub only', async () => {
    const { section, errors } = await collect(collectMonitor);
    expect(activityLogExport.evaluate(snapshot({ monitor: section, errors }))[0]).toMatchObject({
      status: 'PASS',
      reason: expect.stringContaining("'activity-log-archive'"),
    });
    // Storage is not in this snapshot, but the 365-day workspace is enough.
    expect(activityLogRetention.evaluate(snapshot({ monitor: section, errors }))[0]?.status).toBe('PASS');

    const siemOnly = answering(
      '/diagnosticSettings',
      armList([
        armDiagnosticSetting('to-siem', { eventHubAuthorizationRuleId: EVENT_HUB_RULE }, ['Administrative']),
      ]),
    );
    const again = await collect(collectMonitor, siemOnly);
    const [result] = activityLogExport.evaluate(snapshot({ monitor: again.section, errors: again.errors }));
    expect(result?.status).toBe('FAIL');
    expect(result?.reason).toContain("'to-siem' sends only to an event hub and leaves Security off");
  });

  it('records no settings, and no error, when the Activity Log is not exported', async () => {
    const { section, errors } = await collect(collectMonitor, answering('/diagnosticSettings', armList([])));
    expect(errors).toEqual([]);
    expect(section?.activityLogDiagnosticSettings).toEqual([]);
    expect(activityLogExport.evaluate(snapshot({ monitor: section, errors }))[0]).toMatchObject({
      status: 'FAIL',
      reason: expect.stringContaining('no diagnostic setting exists'),
    });
  });

  it('leaves the section out when diagnostic settings are denied, and the checks name the permission', async () => {
    const action = 'Microsoft.Insights/diagnosticSettings/read';
    const { section, errors } = await collect(
      collectMonitor,
      answering('/diagnosticSettings', authorizationFailed(action, SUBSCRIPTION)),
    );
    expect(section).toBeUndefined();
    expectDenied(errors, {
      service: 'Microsoft.Insights',
      operation: 'diagnosticSettings.list',
      permission: action,
    });
    for (const check of [activityLogExport, activityLogRetention])
      expectUnjudged(check.evaluate(snapshot({ monitor: section, errors })), action);
  });

  it('keeps the settings when only workspaces are denied: export still judged, retention UNKNOWN', async () => {
    const action = 'Microsoft.OperationalInsights/workspaces/read';
    const toWorkspace = answering(
      '/diagnosticSettings',
      armList([
        armDiagnosticSetting('to-law', { workspaceId: WORKSPACES.security.id }, ACTIVITY_LOG_CATEGORIES),
      ]),
    );
    const workspacesDenied = answering('/workspaces', authorizationFailed(action, SUBSCRIPTION));
    const { section, errors } = await collect(collectMonitor, (r) => workspacesDenied(r) ?? toWorkspace(r));
    expect(section?.activityLogDiagnosticSettings.map((s) => s.name)).toEqual(['to-law']);
    expect(section?.logAnalyticsWorkspaces).toEqual([]);
    expectDenied(errors, {
      service: 'Microsoft.OperationalInsights',
      operation: 'workspaces.list',
      permission: action,
    });
    expect(activityLogExport.evaluate(snapshot({ monitor: section, errors }))[0]?.status).toBe('PASS');
    expect(activityLogRetention.evaluate(snapshot({ monitor: section, errors }))[0]?.status).toBe('UNKNOWN');
  });

  it('reads an unregistered Log Analytics provider as "no workspaces", without an error', async () => {
    const { section, errors } = await collect(
      collectMonitor,
      answering('/workspaces', MISSING_REGISTRATION('Microsoft.OperationalInsights')),
    );
    expect(errors).toEqual([]);
    expect(section?.logAnalyticsWorkspaces).toEqual([]);
    expect(section?.activityLogDiagnosticSettings).toHaveLength(2);
  });
});

describe('collectDefender on the wire', () => {
  it('reads every plan with its tier; the plans check passes the Standard ones and fails the Free ones', async () => {
    const { section, errors } = await collect(collectDefender);
    expect(errors).toEqual([]);
    expect(section?.plans).toEqual(
      Object.entries(PRICINGS).map(([name, pricingTier]) => ({ name, pricingTier })),
    );
    const results = defenderPlans.evaluate(snapshot({ defender: section, errors }));
    expect(Object.fromEntries(results.map((r) => [r.resourceName, r.status]))).toEqual({
      'Defender for VirtualMachines': 'PASS',
      'Defender for SqlServers': 'PASS',
      'Defender for StorageAccounts': 'FAIL',
      'Defender for KeyVaults': 'PASS',
      'Defender for Arm': 'FAIL',
    });
  });

  it('leaves the section out when pricings are denied, and the check names the permission', async () => {
    const action = 'Microsoft.Security/pricings/read';
    const { section, errors } = await collect(
      collectDefender,
      answering('/pricings', authorizationFailed(action, SUBSCRIPTION)),
    );
    expect(section).toBeUndefined();
    expectDenied(errors, { service: 'Microsoft.Security', operation: 'pricings.list', permission: action });
    expectUnjudged(defenderPlans.evaluate(snapshot({ defender: section, errors })), action);
  });

  it('reads an unregistered Microsoft.Security as "no plan on": every required plan FAILs', async () => {
    const { section, errors } = await collect(
      collectDefender,
      answering('/pricings', MISSING_REGISTRATION('Microsoft.Security')),
    );
    expect(errors).toEqual([]);
    expect(section).toEqual({ plans: [] });
    const results = defenderPlans.evaluate(snapshot({ defender: section, errors }));
    expect(results.map((r) => r.status)).toEqual(['FAIL', 'FAIL', 'FAIL', 'FAIL', 'FAIL']);
  });
});

describe('governance collection', () => {
  it('retries throttled calls transparently', async () => {
    const { section, errors, calls } = await collect(
      allGovernance,
      throttledOnce('/policyAssignments', '/diagnosticSettings', '/workspaces', '/pricings'),
    );
    expect(errors).toEqual([]);
    const [policy, monitor, defender] = section;
    expect(policy?.assignments).toHaveLength(3);
    expect(monitor?.activityLogDiagnosticSettings).toHaveLength(2);
    expect(monitor?.logAnalyticsWorkspaces).toHaveLength(2);
    expect(defender?.plans).toHaveLength(Object.keys(PRICINGS).length);
    expect(calls.filter((c) => c.path.endsWith('/pricings'))).toHaveLength(2);
  });

  it('only reads', async () => {
    const { calls } = await collect(allGovernance);
    expectOnlyGets(calls);
    expect(calls.length).toBeGreaterThanOrEqual(5);
  });
});
