import { defineAzureCheck } from '../../../source/model/check.js';
import type { CaRequirement } from '../../lib/azure.js';
import { caAudience, caNearMisses, caShortfalls, unreadSection } from '../../lib/azure.js';
import { fail, pass } from '../../lib/results.js';
import { azureTenantId } from '../../lib/scope.js';

/**
 * "Compliant OR domain-joined" still insists on a managed device, so either counts; "compliant device OR
 * MFA" lets anyone with MFA in from an unmanaged laptop, so it does not. Admin-only policies count, for
 * a weaker pass.
 */
const MANAGED_DEVICE: CaRequirement = {
  controls: ['compliantDevice', 'domainJoinedDevice'],
  name: 'a managed device',
  audiences: ['all users', 'admin roles'],
  bypassed: 'so unmanaged devices still get in',
};

export default defineAzureCheck({
  id: 'azure-entra-ca-compliant-device',
  service: 'entra',
  title: 'Conditional Access requires a compliant or domain-joined device',
  severity: 'high',
  criteria: ['CC6.1', 'CC6.6'],
  risk: 'Without a device requirement, a stolen session or password works from any unmanaged, unpatched computer, outside the reach of endpoint protection.',
  remediation: {
    summary:
      'Enrol devices in Intune, then enable a Conditional Access policy that requires a compliant or domain-joined device on all cloud apps: for admin roles first, then for all users. Do not OR it with MFA.',
    snippet: {
      language: 'shell',
      code: `az rest --method POST \\
  --url https://graph.microsoft.com/v1.0/identity/conditionalAccess/policies \\
  --body '{
    "displayName": "Require a managed device",
    "state": "enabled",
    "conditions": {
      "users": { "includeUsers": ["All"], "excludeUsers": ["<break-glass-object-id>"] },
      "applications": { "includeApplications": ["All"] },
      "clientAppTypes": ["all"]
    },
    "grantControls": { "operator": "OR", "builtInControls": ["compliantDevice", "domainJoinedDevice"] }
  }'`,
    },
  },
  effort: { baseHours: 16, perResourceHours: 0, maxHours: 16 },
  owner: 'Identity administrator',
  evidence:
    'The Conditional Access policy JSON with its change history, the Intune compliance policy, and sign-in logs across the window showing device compliance evaluated and non-compliant devices refused.',
  evaluate(snapshot) {
    const tenant = azureTenantId(snapshot);
    const policies = snapshot.entra?.conditionalAccessPolicies;
    if (!policies) return unreadSection(snapshot, 'conditionalAccessPolicies');
    const where = { resourceName: `tenant ${snapshot.tenantId}` };
    const enforcing = policies.filter((p) => caShortfalls(p, MANAGED_DEVICE).length === 0);
    const forAll = enforcing.find((p) => caAudience(p) === 'all users');
    if (forAll)
      return [
        pass(
          tenant,
          `Conditional Access policy '${forAll.displayName}' requires a managed device for all users on all cloud apps.`,
          where,
        ),
      ];
    const forAdmins = enforcing[0];
    if (forAdmins)
      return [
        pass(
          tenant,
          `Conditional Access policy '${forAdmins.displayName}' requires a managed device for admin roles on all cloud apps; other users are not yet covered.`,
          where,
        ),
      ];
    const near = caNearMisses(policies, MANAGED_DEVICE);
    const detail =
      near.length > 0
        ? `: ${near.join('; ')}.`
        : ` (${policies.length} policies read, none asks for a device).`;
    return [
      fail(
        tenant,
        `No enabled Conditional Access policy requires a compliant or domain-joined device on all cloud apps${detail}`,
        where,
      ),
    ];
  },
});
