import type { BlobContainer } from '../../../source/model/azure-snapshot.js';
import { defineAzureCheck } from '../../../source/model/check.js';
import {
  ACTIVITY_LOG_CONTAINER,
  activityLogContainer,
  assessActivityLogExports,
  isVerdict,
  listOf,
  nameFromId,
  type Verdict,
  subscriptionLabel,
} from '../../lib/azure.js';

const MIN_LOCKED_DAYS = 90;

function judgeContainer(container: BlobContainer, account: string): Verdict {
  const where = `Container ${ACTIVITY_LOG_CONTAINER} in ${account}`;
  const policy = container.immutabilityPolicy;
  if (!policy)
    return { status: 'FAIL', reason: `${where} has no immutability policy, so the logs can be deleted` };
  if (policy.state === 'Unlocked')
    return {
      status: 'FAIL',
      reason: `${where} has an Unlocked immutability policy (${policy.periodDays} days), which can still be shortened or removed`,
    };
  if (policy.periodDays < MIN_LOCKED_DAYS)
    return { status: 'FAIL', reason: `${where} is Locked for only ${policy.periodDays} days` };
  return { status: 'PASS', reason: `${where} is Locked (WORM) for ${policy.periodDays} days` };
}

export default defineAzureCheck({
  id: 'azure-monitor-activity-log-immutable',
  service: 'monitor',
  title: 'The exported Activity Log sits in immutable (WORM) storage',
  severity: 'high',
  criteria: ['CC7.2'],
  risk: 'If the exported audit trail can be deleted or edited, an intruder or insider can erase the record of what they did, and the auditor cannot rely on the logs.',
  remediation: {
    summary:
      'Put a time-based immutability policy of at least 90 days (365 recommended) on the insights-activity-logs container, allowing protected append writes, and lock it once it is verified.',
    snippet: {
      language: 'shell',
      code: `az storage container immutability-policy create --resource-group <rg> --account-name <account> \\
  --container-name insights-activity-logs --period 365 --allow-protected-append-writes true
etag=$(az storage container immutability-policy show --resource-group <rg> --account-name <account> \\
  --container-name insights-activity-logs --query etag --output tsv)
az storage container immutability-policy lock --resource-group <rg> --account-name <account> \\
  --container-name insights-activity-logs --if-match "$etag"`,
    },
  },
  effort: { baseHours: 3, perResourceHours: 0, maxHours: 3 },
  owner: 'Security engineer',
  evidence:
    'The container’s immutability policy showing state Locked and the date it was locked, and Activity Log blobs from the window’s first month still present and unaltered.',
  dependsOn: ['azure-monitor-activity-log-export'],
  evaluate(snapshot, estate = [snapshot]) {
    return assessActivityLogExports(snapshot, 'so no immutable copy exists', (exports): Verdict[] => {
      const accounts = [...new Set(exports.flatMap((s) => (s.storageAccountId ? [s.storageAccountId] : [])))];
      if (accounts.length === 0) {
        const workspaces = exports.flatMap((s) => (s.workspaceId ? [nameFromId(s.workspaceId)] : []));
        const reason = `The Activity Log of ${subscriptionLabel(snapshot)} goes only to Log Analytics (${listOf(workspaces)}), where it is not immutable`;
        return [{ status: 'FAIL', reason }];
      }
      return accounts.map((id) => {
        const found = activityLogContainer(snapshot, id, estate);
        return isVerdict(found) ? found : judgeContainer(found, nameFromId(id));
      });
    });
  },
});
