import type { ConditionalAccessPolicy } from '../../../source/model/azure-snapshot.js';
import { defineAzureCheck } from '../../../source/model/check.js';
import {
  azureUnreadService,
  caAudience,
  caScopeGaps,
  caStateGap,
  grantControlName,
  listOf,
} from '../../lib/azure.js';
import { fail, pass } from '../../lib/results.js';
import { azureTenantId } from '../../lib/scope.js';

const DEVICE_CONTROLS = ['compliantDevice', 'domainJoinedDevice'];

/**
 * A device must be required, not offered as one way in: "compliant device OR MFA" lets anyone with MFA
 * sign in from an unmanaged laptop, so it does not count. "Compliant OR domain-joined" still insists on
 * a managed device, so it does.
 */
function deviceGap(policy: ConditionalAccessPolicy): string | undefined {
  const controls = policy.grantControls?.builtInControls ?? [];
  if (!controls.some((c) => DEVICE_CONTROLS.includes(c))) return 'does not require a managed device';
  const others = controls.filter((c) => !DEVICE_CONTROLS.includes(c));
  if (policy.grantControls?.operator === 'OR' && others.length > 0)
    return `accepts ${others.map(grantControlName).join(' or ')} instead of a managed device, so unmanaged devices still get in`;
  return undefined;
}

function shortfalls(policy: ConditionalAccessPolicy): string[] {
  return [caStateGap(policy), ...caScopeGaps(policy, ['all users', 'admin roles']), deviceGap(policy)].filter(
    (gap): gap is string => gap !== undefined,
  );
}

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
    if (!policies) {
      const query = { services: ['graph', 'entra'], operation: 'conditionalAccess' };
      return azureUnreadService(snapshot, tenant, query, 'Conditional Access policies', {
        needs: 'Policy.Read.All',
      });
    }
    const where = { resourceName: `tenant ${snapshot.tenantId}` };
    const enforcing = policies.filter((p) => shortfalls(p).length === 0);
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
    const near = policies
      .filter((p) => p.grantControls?.builtInControls.some((c) => DEVICE_CONTROLS.includes(c)))
      .map((p) => `'${p.displayName}' ${listOf(shortfalls(p))}`);
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
