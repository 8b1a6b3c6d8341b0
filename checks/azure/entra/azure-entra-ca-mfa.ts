import type { ConditionalAccessPolicy } from '../../../source/model/azure-snapshot.js';
import { defineAzureCheck } from '../../../source/model/check.js';
import { azureUnreadService, caScopeGaps, caStateGap, grantControlName, listOf } from '../../lib/azure.js';
import { fail, pass } from '../../lib/results.js';
import { azureTenantId } from '../../lib/scope.js';

/** MFA is required only if no other control can stand in for it (an OR with a device lets it be skipped). */
function mfaGap(policy: ConditionalAccessPolicy): string | undefined {
  const grant = policy.grantControls;
  if (!grant?.builtInControls.includes('mfa')) return 'does not require MFA';
  if (grant.operator === 'OR' && grant.builtInControls.length > 1) {
    const others = grant.builtInControls.filter((c) => c !== 'mfa');
    return `accepts ${others.map(grantControlName).join(' or ')} instead of MFA`;
  }
  return undefined;
}

function shortfalls(policy: ConditionalAccessPolicy): string[] {
  return [caStateGap(policy), ...caScopeGaps(policy, ['all users']), mfaGap(policy)].filter(
    (gap): gap is string => gap !== undefined,
  );
}

export default defineAzureCheck({
  id: 'azure-entra-ca-mfa',
  service: 'entra',
  title: 'Conditional Access requires MFA for all users on all cloud apps',
  severity: 'critical',
  criteria: ['CC6.1', 'CC6.6'],
  risk: 'Without MFA enforced for everyone, one phished or reused password is enough to sign in to the cloud estate and the data in it.',
  remediation: {
    summary:
      'Create an enabled Conditional Access policy that grants access only with MFA, for all users and all cloud apps, excluding at most two break-glass accounts (run it report-only for a few days first, then switch it on).',
    snippet: {
      language: 'shell',
      code: `az rest --method POST \\
  --url https://graph.microsoft.com/v1.0/identity/conditionalAccess/policies \\
  --body '{
    "displayName": "Require MFA for all users",
    "state": "enabled",
    "conditions": {
      "users": { "includeUsers": ["All"], "excludeUsers": ["<break-glass-object-id>"] },
      "applications": { "includeApplications": ["All"] },
      "clientAppTypes": ["all"]
    },
    "grantControls": { "operator": "OR", "builtInControls": ["mfa"] }
  }'`,
    },
  },
  effort: { baseHours: 8, perResourceHours: 0, maxHours: 8 },
  owner: 'Identity administrator',
  evidence:
    'The Conditional Access policy JSON with its modification history, and sign-in logs sampled across the observation window showing MFA satisfied for interactive sign-ins.',
  evaluate(snapshot) {
    const tenant = azureTenantId(snapshot);
    const policies = snapshot.entra?.conditionalAccessPolicies;
    if (!policies) {
      const query = { services: ['graph', 'entra'], operation: 'conditionalAccess' };
      return azureUnreadService(snapshot, tenant, query, 'Conditional Access policies', {
        needs: 'Policy.Read.All',
      });
    }
    const where = { resourceName: `tenant ${snapshot.tenantId}` };
    const enforcing = policies.find((p) => shortfalls(p).length === 0);
    if (enforcing)
      return [
        pass(
          tenant,
          `Conditional Access policy '${enforcing.displayName}' requires MFA for all users on all cloud apps.`,
          where,
        ),
      ];
    // Explain the policies that look like MFA policies, so the reader sees why they do not count.
    const near = policies
      .filter((p) => p.grantControls?.builtInControls.includes('mfa'))
      .map((p) => `'${p.displayName}' ${listOf(shortfalls(p))}`);
    const detail = near.length > 0 ? `: ${near.join('; ')}.` : ` (${policies.length} policies read).`;
    return [
      fail(
        tenant,
        `No enabled Conditional Access policy requires MFA for all users on all cloud apps${detail}`,
        where,
      ),
    ];
  },
});
