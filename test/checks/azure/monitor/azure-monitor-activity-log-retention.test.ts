import { describe, expect, it } from 'vitest';
import check from '../../../../checks/azure/monitor/azure-monitor-activity-log-retention.js';
import type {
  AzureSnapshot,
  BlobContainer,
  DiagnosticSetting,
} from '../../../../source/model/azure-snapshot.js';
import { accessDenied, azureSnapshot } from '../../../fixtures/snapshots.js';

const SUB = '/subscriptions/00000000-0000-0000-0000-00000000bbbb';
const STORAGE = `${SUB}/resourceGroups/audit/providers/Microsoft.Storage/storageAccounts/stauditlogs`;
const WORKSPACE = `${SUB}/resourceGroups/audit/providers/Microsoft.OperationalInsights/workspaces/law-security`;

const snapshot = (
  destination: Partial<DiagnosticSetting>,
  retentionInDays: number | undefined,
  policy?: BlobContainer['immutabilityPolicy'],
): AzureSnapshot =>
  azureSnapshot({
    monitor: {
      activityLogDiagnosticSettings: [
        { id: 'ds', name: 'export', logs: [{ category: 'Administrative', enabled: true }], ...destination },
      ],
      logAnalyticsWorkspaces:
        retentionInDays === undefined
          ? []
          : [{ id: WORKSPACE, name: 'law-security', location: 'westeurope', retentionInDays }],
    },
    storage: {
      accounts: [
        {
          id: STORAGE,
          name: 'stauditlogs',
          location: 'westeurope',
          keySource: 'Microsoft.Storage',
          requireInfrastructureEncryption: false,
          enableHttpsTrafficOnly: true,
          allowBlobPublicAccess: false,
          containers:
            policy === undefined
              ? []
              : [{ name: 'insights-activity-logs', immutabilityPolicy: policy, hasLegalHold: false }],
        },
      ],
    },
  });

describe('azure-monitor-activity-log-retention', () => {
  it('passes a workspace keeping 90 days or more', () => {
    const [result] = check.evaluate(snapshot({ workspaceId: WORKSPACE }, 365));
    expect(result).toMatchObject({ status: 'PASS', resourceId: SUB });
    expect(result?.reason).toContain('law-security keeps the Activity Log 365 days');
  });

  it('passes a storage container whose immutability period is 90 days or more, locked or not', () => {
    expect(
      check.evaluate(
        snapshot({ storageAccountId: STORAGE }, undefined, { state: 'Unlocked', periodDays: 180 }),
      )[0]?.status,
    ).toBe('PASS');
  });

  it('fails a workspace keeping 30 days, and a container with nothing guaranteeing retention', () => {
    const [short] = check.evaluate(snapshot({ workspaceId: WORKSPACE }, 30));
    expect(short?.status).toBe('FAIL');
    expect(short?.reason).toContain('only 30 days');
    const [bare] = check.evaluate(snapshot({ storageAccountId: STORAGE }, undefined, null));
    expect(bare?.status).toBe('FAIL');
    expect(bare?.reason).toContain('no immutability policy');
  });

  it('passes when either destination keeps long enough', () => {
    const both = snapshot({ workspaceId: WORKSPACE, storageAccountId: STORAGE }, 30, {
      state: 'Locked',
      periodDays: 365,
    });
    expect(check.evaluate(both)[0]?.status).toBe('PASS');
  });

  it('fails when the Activity Log is not exported at all', () => {
    const none = azureSnapshot({
      monitor: { activityLogDiagnosticSettings: [], logAnalyticsWorkspaces: [] },
    });
    const [result] = check.evaluate(none);
    expect(result?.status).toBe('FAIL');
    expect(result?.reason).toContain('not exported');
  });

  it('is UNKNOWN when the workspace is in another subscription', () => {
    const [result] = check.evaluate(snapshot({ workspaceId: WORKSPACE }, undefined));
    expect(result?.status).toBe('UNKNOWN');
    expect(result?.reason).toContain('law-security');
    expect(result?.reason).toContain('scan the subscription that holds it');
  });

  it('is UNKNOWN for the subscription when diagnostic settings could not be read', () => {
    const s = azureSnapshot({
      errors: [accessDenied('Microsoft.Insights', 'subscriptionDiagnosticSettings.list')],
    });
    const [result] = check.evaluate(s);
    expect(result).toMatchObject({ status: 'UNKNOWN', resourceId: SUB });
    expect(result?.reason).toContain('subscriptionDiagnosticSettings.list');
  });

  it('judges a workspace in another subscription of the same run (a central security subscription)', () => {
    const CENTRAL = '00000000-0000-0000-0000-00000000cccc';
    const workspace = `/subscriptions/${CENTRAL}/resourceGroups/sec/providers/Microsoft.OperationalInsights/workspaces/law-central`;
    const app = azureSnapshot({
      monitor: {
        activityLogDiagnosticSettings: [
          {
            id: 'ds',
            name: 'export',
            workspaceId: workspace,
            logs: [{ category: 'Administrative', enabled: true }],
          },
        ],
        logAnalyticsWorkspaces: [],
      },
    });
    const central = azureSnapshot({
      subscriptionId: CENTRAL,
      monitor: {
        activityLogDiagnosticSettings: [],
        logAnalyticsWorkspaces: [
          { id: workspace, name: 'law-central', location: 'westeurope', retentionInDays: 30 },
        ],
      },
    });
    expect(check.evaluate(app)[0]).toMatchObject({ status: 'UNKNOWN' });
    expect(check.evaluate(app)[0]?.reason).toContain('scan the subscription that holds it');
    const [judged] = check.evaluate(app, [app, central]);
    expect(judged?.status).toBe('FAIL');
    expect(judged?.reason).toContain('only 30 days');
  });
});
