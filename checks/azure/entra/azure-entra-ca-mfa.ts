import { defineAzureCheck } from '../../../source/model/check.js';
import type { CaRequirement } from '../../lib/azure.js';
import { caNearMisses, caShortfalls, unreadSection } from '../../lib/azure.js';
import { fail, pass } from '../../lib/results.js';
import { azureTenantId } from '../../lib/scope.js';

/** MFA for all users: unlike the device check, a policy covering admin roles only does not count. */
const MFA: CaRequirement = { controls: ['mfa'], name: 'MFA', audiences: ['all users'] };

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
    if (!policies) return unreadSection(snapshot, 'conditionalAccessPolicies');
    const where = { resourceName: `tenant ${snapshot.tenantId}` };
    const enforcing = policies.find((p) => caShortfalls(p, MFA).length === 0);
    if (enforcing)
      return [
        pass(
          tenant,
          `Conditional Access policy '${enforcing.displayName}' requires MFA for all users on all cloud apps.`,
          where,
        ),
      ];
    // Explain the policies that look like MFA policies, so the reader sees why they do not count.
    const near = caNearMisses(policies, MFA);
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
