import type { AzureSnapshot } from '../../../source/model/azure-snapshot.js';
import { defineAzureCheck } from '../../../source/model/check.js';
import {
  ACTIVITY_LOG_CONTAINER,
  activityLogContainer,
  assessActivityLogExports,
  holderOf,
  isVerdict,
  nameFromId,
  sameAzureId,
  type Verdict,
} from '../../lib/azure.js';

const MIN_RETENTION_DAYS = 90;

function judgeWorkspace(from: AzureSnapshot, estate: readonly AzureSnapshot[], workspaceId: string): Verdict {
  const snapshot = holderOf(from, estate, workspaceId);
  const name = nameFromId(workspaceId);
  const workspace = snapshot.monitor?.logAnalyticsWorkspaces.find((w) => sameAzureId(w.id, workspaceId));
  if (!workspace)
    return {
      status: 'UNKNOWN',
      reason: `Log Analytics workspace ${name} receives the Activity Log but is not in this snapshot; scan the subscription that holds it`,
    };
  return workspace.retentionInDays >= MIN_RETENTION_DAYS
    ? { status: 'PASS', reason: `Workspace ${name} keeps the Activity Log ${workspace.retentionInDays} days` }
    : {
        status: 'FAIL',
        reason: `Workspace ${name} keeps the Activity Log only ${workspace.retentionInDays} days`,
      };
}

/** Only an immutability period guarantees how long blobs stay; without one a lifecycle rule or a person can delete them. */
function judgeStorage(snapshot: AzureSnapshot, estate: readonly AzureSnapshot[], accountId: string): Verdict {
  const found = activityLogContainer(snapshot, accountId, estate);
  if (isVerdict(found)) return found;
  const where = `Container ${ACTIVITY_LOG_CONTAINER} in ${nameFromId(accountId)}`;
  const days = found.immutabilityPolicy?.periodDays;
  if (days === undefined)
    return {
      status: 'FAIL',
      reason: `${where} has no immutability policy, so nothing guarantees how long logs stay`,
    };
  return days >= MIN_RETENTION_DAYS
    ? { status: 'PASS', reason: `${where} keeps the Activity Log at least ${days} days` }
    : { status: 'FAIL', reason: `${where} keeps the Activity Log only ${days} days` };
}

export default defineAzureCheck({
  id: 'azure-monitor-activity-log-retention',
  service: 'monitor',
  title: 'The exported Activity Log is kept at least 90 days',
  severity: 'high',
  criteria: ['CC7.2'],
  risk: 'A Type II auditor samples changes from the start of the observation window; if the logs from then are gone, the control cannot be shown to have operated.',
  remediation: {
    summary:
      'Keep the exported Activity Log at least 90 days (365 covers a yearly window): set the workspace retention, or an immutability period on the storage container.',
    snippet: {
      language: 'shell',
      code: `az monitor log-analytics workspace update --resource-group <rg> --workspace-name <workspace> --retention-time 365`,
    },
  },
  effort: { baseHours: 1, perResourceHours: 0, maxHours: 1 },
  owner: 'Cloud platform engineer',
  evidence:
    'The workspace retention or container immutability settings, and a query or listing returning Activity Log records dated from the window’s first month.',
  dependsOn: ['azure-monitor-activity-log-export'],
  evaluate(snapshot, estate = [snapshot]) {
    const notExported = 'so Azure keeps it only 90 days and nothing older can be shown';
    return assessActivityLogExports(snapshot, notExported, (exports) => {
      const unique = (ids: (string | undefined)[]) => [...new Set(ids.filter((id): id is string => !!id))];
      return [
        ...unique(exports.map((s) => s.workspaceId)).map((id) => judgeWorkspace(snapshot, estate, id)),
        ...unique(exports.map((s) => s.storageAccountId)).map((id) => judgeStorage(snapshot, estate, id)),
      ];
    });
  },
});
