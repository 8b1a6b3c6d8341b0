import type { DiagnosticSetting } from '../../../source/model/azure-snapshot.js';
import { defineAzureCheck } from '../../../source/model/check.js';
import { listOf, nameFromId, subscriptionLabel, unreadSection } from '../../lib/azure.js';
import { fail, pass } from '../../lib/results.js';
import { azureSubscriptionId } from '../../lib/scope.js';

/** Who changed what (Administrative) and what Defender raised (Security): the audit trail's core. */
const REQUIRED_CATEGORIES = ['Administrative', 'Security'];

function destinations(setting: DiagnosticSetting): string[] {
  return [
    setting.storageAccountId ? `storage account ${nameFromId(setting.storageAccountId)}` : undefined,
    setting.workspaceId ? `workspace ${nameFromId(setting.workspaceId)}` : undefined,
  ].filter((d): d is string => d !== undefined);
}

function missingCategories(setting: DiagnosticSetting): string[] {
  const enabled = new Set(setting.logs.filter((l) => l.enabled).map((l) => l.category.toLowerCase()));
  return REQUIRED_CATEGORIES.filter((c) => !enabled.has(c.toLowerCase()));
}

/** Why one setting does not count, as a phrase. */
function shortfall(setting: DiagnosticSetting): string {
  const gaps: string[] = [];
  if (destinations(setting).length === 0)
    gaps.push(setting.eventHubAuthorizationRuleId ? 'sends only to an event hub' : 'has no destination');
  const missing = missingCategories(setting);
  if (missing.length > 0) gaps.push(`leaves ${listOf(missing)} off`);
  return `'${setting.name}' ${listOf(gaps)}`;
}

export default defineAzureCheck({
  id: 'azure-monitor-activity-log-export',
  service: 'monitor',
  title: 'The subscription Activity Log is exported to storage or Log Analytics',
  severity: 'critical',
  criteria: ['CC7.2', 'CC7.1'],
  risk: 'Azure keeps the Activity Log, the record of who changed what in the subscription, for only 90 days; without an export there is no audit trail for most of an audit window and no way to investigate older changes.',
  remediation: {
    summary:
      'Add a subscription diagnostic setting that sends at least the Administrative and Security categories (better: all) to a Log Analytics workspace and an immutable storage account.',
    snippet: {
      language: 'bicep',
      code: `targetScope = 'subscription'

param auditStorageAccountId string
param workspaceId string

resource activityLogExport 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'activity-log-export'
  properties: {
    storageAccountId: auditStorageAccountId
    workspaceId: workspaceId
    logs: [for category in ['Administrative', 'Security', 'Policy', 'Alert', 'ServiceHealth', 'Recommendation', 'Autoscale', 'ResourceHealth']: {
      category: category
      enabled: true
    }]
  }
}`,
    },
  },
  effort: { baseHours: 3, perResourceHours: 1, maxHours: 6 },
  owner: 'Cloud platform engineer',
  evidence:
    'The diagnostic setting with its creation date, and exported Activity Log records from the window’s first month and from each month after, showing the export ran without a gap.',
  evaluate(snapshot) {
    const subscription = azureSubscriptionId(snapshot);
    if (!snapshot.monitor) return unreadSection(snapshot, 'diagnosticSettings');
    const settings = snapshot.monitor.activityLogDiagnosticSettings;
    const where = { resourceName: snapshot.subscriptionName ?? snapshot.subscriptionId };
    const label = subscriptionLabel(snapshot);
    const good = settings.find((s) => destinations(s).length > 0 && missingCategories(s).length === 0);
    if (good)
      return [
        pass(
          subscription,
          `Diagnostic setting '${good.name}' exports the Activity Log of ${label} to ${listOf(destinations(good))}.`,
          where,
        ),
      ];
    const detail =
      settings.length === 0
        ? '; no diagnostic setting exists, so Azure keeps it only 90 days'
        : `: ${settings.map(shortfall).join('; ')}`;
    return [
      fail(
        subscription,
        `The Activity Log of ${label} is not exported to storage or Log Analytics with Administrative and Security events${detail}.`,
        where,
      ),
    ];
  },
});
