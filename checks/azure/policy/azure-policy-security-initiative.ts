import type { AzureSnapshot, PolicyAssignment } from '../../../source/model/azure-snapshot.js';
import { defineAzureCheck } from '../../../source/model/check.js';
import { listOf, subscriptionLabel, unreadSection } from '../../lib/azure.js';
import { fail, pass } from '../../lib/results.js';
import { azureSubscriptionId } from '../../lib/scope.js';

const MANAGEMENT_GROUP_SCOPE = '/providers/microsoft.management/managementgroups/';

/** Assigned at this subscription or above it; a resource-group assignment watches only that group. */
function appliesToSubscription(snapshot: AzureSnapshot, assignment: PolicyAssignment): boolean {
  const scope = assignment.scope.toLowerCase().replace(/\/$/, '');
  const subscription = azureSubscriptionId(snapshot).toLowerCase();
  return (
    scope === subscription || scope.startsWith(MANAGEMENT_GROUP_SCOPE) || subscription.startsWith(`${scope}/`)
  );
}

const quoted = (a: PolicyAssignment) => `'${a.displayName ?? a.name}'`;

export default defineAzureCheck({
  id: 'azure-policy-security-initiative',
  service: 'policy',
  title: 'An Azure Policy initiative continuously evaluates the subscription',
  severity: 'medium',
  criteria: ['CC4.1', 'CC7.1'],
  risk: 'Without a policy initiative, misconfigurations (unencrypted storage, open ports, disabled logging) are found only by occasional manual review, and there is no continuous record that controls held.',
  remediation: {
    summary:
      'Assign the Microsoft cloud security benchmark (or another security initiative) at the subscription or a management group above it, in Default enforcement mode, and review its compliance results monthly.',
    snippet: {
      language: 'shell',
      code: `az policy assignment create --name mcsb --display-name "Microsoft cloud security benchmark" \\
  --policy-set-definition 1f3afdf9-d0c9-4c3d-847f-89da613e70a8 \\
  --scope /subscriptions/<sub-id> --enforcement-mode Default`,
    },
  },
  effort: { baseHours: 4, perResourceHours: 0, maxHours: 4 },
  owner: 'Security engineer',
  evidence:
    'The initiative assignment with its creation date, and monthly compliance snapshots (Azure Policy compliance history) across the window with the follow-up on non-compliant resources.',
  evaluate(snapshot) {
    const subscription = azureSubscriptionId(snapshot);
    if (!snapshot.policy) return unreadSection(snapshot, 'policyAssignments');
    const where = { resourceName: snapshot.subscriptionName ?? snapshot.subscriptionId };
    const label = subscriptionLabel(snapshot);
    const initiatives = snapshot.policy.assignments.filter(
      (a) => a.isInitiative && appliesToSubscription(snapshot, a),
    );
    const enforced = initiatives.filter((a) => a.enforcementMode === 'Default');
    if (enforced.length > 0)
      return [
        pass(
          subscription,
          `Policy initiative ${listOf(enforced.map(quoted))} applies to ${label} with enforcement on.`,
          where,
        ),
      ];
    const detail =
      initiatives.length > 0
        ? `; ${listOf(initiatives.map(quoted))} ${initiatives.length > 1 ? 'are' : 'is'} set to DoNotEnforce`
        : '';
    return [
      fail(
        subscription,
        `No enforced Azure Policy initiative is assigned to ${label} or above it${detail}.`,
        where,
      ),
    ];
  },
});
