import { describe, expect, it } from 'vitest';
import check from '../../../../checks/azure/monitor/azure-monitor-activity-log-export.js';
import type { DiagnosticSetting } from '../../../../source/model/azure-snapshot.js';
import { accessDenied, azureSnapshot } from '../../../fixtures/snapshots.js';

const SUB = '/subscriptions/00000000-0000-0000-0000-00000000bbbb';
const STORAGE = `${SUB}/resourceGroups/audit/providers/Microsoft.Storage/storageAccounts/stauditlogs`;
const WORKSPACE = `${SUB}/resourceGroups/audit/providers/Microsoft.OperationalInsights/workspaces/law-security`;

const setting = (
  parts: Partial<DiagnosticSetting>,
  categories = ['Administrative', 'Security', 'Policy'],
): DiagnosticSetting => ({
  id: `${SUB}/providers/Microsoft.Insights/diagnosticSettings/export`,
  name: 'export',
  logs: categories.map((category) => ({ category, enabled: true })),
  ...parts,
});

const evaluate = (...settings: DiagnosticSetting[]) =>
  check.evaluate(
    azureSnapshot({ monitor: { activityLogDiagnosticSettings: settings, logAnalyticsWorkspaces: [] } }),
  );

describe('azure-monitor-activity-log-export', () => {
  it('passes a setting that sends Administrative and Security events to storage or a workspace', () => {
    const [toStorage] = evaluate(setting({ storageAccountId: STORAGE }));
    expect(toStorage).toMatchObject({ status: 'PASS', resourceId: SUB });
    expect(toStorage?.reason).toContain('storage account stauditlogs');
    expect(evaluate(setting({ workspaceId: WORKSPACE }))[0]?.reason).toContain('workspace law-security');
  });

  it('fails when no diagnostic setting exists, saying Azure keeps only 90 days', () => {
    const [result] = evaluate();
    expect(result).toMatchObject({ status: 'FAIL', resourceId: SUB });
    expect(result?.reason).toContain('only 90 days');
  });

  it('fails a setting missing a required category, or going only to an event hub', () => {
    const [missing] = evaluate(setting({ storageAccountId: STORAGE }, ['Administrative']));
    expect(missing?.status).toBe('FAIL');
    expect(missing?.reason).toContain("'export' leaves Security off");
    const disabled = setting({
      workspaceId: WORKSPACE,
      logs: [
        { category: 'Administrative', enabled: true },
        { category: 'Security', enabled: false },
      ],
    });
    expect(evaluate(disabled)[0]?.status).toBe('FAIL');
    const [hub] = evaluate(setting({ name: 'siem', eventHubAuthorizationRuleId: 'eh-rule' }));
    expect(hub?.reason).toContain("'siem' sends only to an event hub");
  });

  it('is UNKNOWN for the subscription when diagnostic settings could not be read', () => {
    const snapshot = azureSnapshot({
      errors: [accessDenied('Microsoft.Insights', 'subscriptionDiagnosticSettings.list')],
    });
    const [result] = check.evaluate(snapshot);
    expect(result).toMatchObject({ status: 'UNKNOWN', resourceId: SUB });
    expect(result?.reason).toContain('subscriptionDiagnosticSettings.list');
  });
});
