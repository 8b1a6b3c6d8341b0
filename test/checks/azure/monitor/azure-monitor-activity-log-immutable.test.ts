import { describe, expect, it } from 'vitest';
import check from '../../../../checks/azure/monitor/azure-monitor-activity-log-immutable.js';
import type {
  AzureSnapshot,
  BlobContainer,
  StorageAccount,
} from '../../../../source/model/azure-snapshot.js';
import { accessDenied, azureSnapshot } from '../../../fixtures/snapshots.js';

const SUB = '/subscriptions/00000000-0000-0000-0000-00000000bbbb';
const STORAGE = `${SUB}/resourceGroups/audit/providers/Microsoft.Storage/storageAccounts/stauditlogs`;
const WORKSPACE = `${SUB}/resourceGroups/audit/providers/Microsoft.OperationalInsights/workspaces/law-security`;

const container = (immutabilityPolicy: BlobContainer['immutabilityPolicy']): BlobContainer => ({
  name: 'insights-activity-logs',
  immutabilityPolicy,
  hasLegalHold: false,
});

const account = (containers: BlobContainer[] | undefined): StorageAccount => ({
  id: STORAGE,
  name: 'stauditlogs',
  location: 'westeurope',
  keySource: 'Microsoft.Storage',
  requireInfrastructureEncryption: false,
  enableHttpsTrafficOnly: true,
  allowBlobPublicAccess: false,
  containers,
});

const snapshot = (
  destination: { storageAccountId?: string; workspaceId?: string },
  parts: Partial<AzureSnapshot> = {},
) =>
  azureSnapshot({
    monitor: {
      activityLogDiagnosticSettings: [
        { id: 'ds', name: 'export', logs: [{ category: 'Administrative', enabled: true }], ...destination },
      ],
      logAnalyticsWorkspaces: [],
    },
    ...parts,
  });

const withAccount = (containers: BlobContainer[] | undefined) =>
  snapshot({ storageAccountId: STORAGE }, { storage: { accounts: [account(containers)] } });

describe('azure-monitor-activity-log-immutable', () => {
  it('passes a container with a Locked policy of at least 90 days', () => {
    const [result] = check.evaluate(withAccount([container({ state: 'Locked', periodDays: 365 })]));
    expect(result).toMatchObject({ status: 'PASS', resourceId: SUB });
    expect(result?.reason).toContain('stauditlogs is Locked (WORM) for 365 days');
  });

  it('fails an Unlocked policy, since it can still be removed', () => {
    const [result] = check.evaluate(withAccount([container({ state: 'Unlocked', periodDays: 365 })]));
    expect(result?.status).toBe('FAIL');
    expect(result?.reason).toContain('Unlocked');
  });

  it('fails a Locked policy under 90 days, no policy, or no container', () => {
    expect(
      check.evaluate(withAccount([container({ state: 'Locked', periodDays: 30 })]))[0]?.reason,
    ).toContain('only 30 days');
    expect(check.evaluate(withAccount([container(null)]))[0]?.reason).toContain('no immutability policy');
    expect(check.evaluate(withAccount([]))[0]?.reason).toContain('no insights-activity-logs container');
  });

  it('fails a workspace-only export and no export at all', () => {
    const [workspace] = check.evaluate(snapshot({ workspaceId: WORKSPACE }));
    expect(workspace?.status).toBe('FAIL');
    expect(workspace?.reason).toContain('only to Log Analytics (law-security)');
    const none = azureSnapshot({
      monitor: { activityLogDiagnosticSettings: [], logAnalyticsWorkspaces: [] },
    });
    expect(check.evaluate(none)[0]?.status).toBe('FAIL');
  });

  it('is UNKNOWN when the destination account is in another subscription', () => {
    const [result] = check.evaluate(snapshot({ storageAccountId: STORAGE }, { storage: { accounts: [] } }));
    expect(result?.status).toBe('UNKNOWN');
    expect(result?.reason).toContain('scan the subscription that holds it');
  });

  it('is UNKNOWN when the destination account’s containers could not be listed', () => {
    const s = withAccount(undefined);
    s.errors.push(accessDenied('Microsoft.Storage', 'blobContainers.list', { resourceId: STORAGE }));
    const [result] = check.evaluate(s);
    expect(result?.status).toBe('UNKNOWN');
    expect(result?.reason).toContain('blobContainers.list');
  });

  it('passes when one of two destinations is locked', () => {
    const other = `${SUB}/resourceGroups/x/providers/Microsoft.Storage/storageAccounts/stother`;
    const s = withAccount([container({ state: 'Locked', periodDays: 400 })]);
    s.monitor!.activityLogDiagnosticSettings.push({
      id: 'ds2',
      name: 'copy',
      storageAccountId: other,
      logs: [{ category: 'Security', enabled: true }],
    });
    expect(check.evaluate(s)[0]?.status).toBe('PASS');
  });

  it('is UNKNOWN for the subscription when diagnostic settings could not be read', () => {
    const s = azureSnapshot({
      errors: [accessDenied('Microsoft.Insights', 'subscriptionDiagnosticSettings.list')],
    });
    expect(check.evaluate(s)).toMatchObject([{ status: 'UNKNOWN', resourceId: SUB }]);
  });
});
