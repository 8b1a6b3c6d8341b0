import { defineAzureCheck } from '../../../source/model/check.js';
import type { AppCredential } from '../../../source/model/azure-snapshot.js';
import { counted, servicePrincipalResourceId, unreadSection } from '../../lib/azure.js';
import { fail, pass } from '../../lib/results.js';

/** An expired secret no longer signs anyone in; the secret-lifetime check asks for its removal. */
function isLive(secret: AppCredential, now: string): boolean {
  return secret.endDateTime === undefined || Date.parse(secret.endDateTime) > Date.parse(now);
}

export default defineAzureCheck({
  id: 'azure-entra-sp-client-secrets',
  service: 'entra',
  title: 'Service principals with Azure roles use managed identities or federation, not client secrets',
  severity: 'medium',
  criteria: ['CC6.1', 'CC6.2'],
  risk: 'A client secret is a standing password for a machine: it gets copied into pipelines and config files, and anyone who finds it has the service principal’s access to the subscription until it expires.',
  remediation: {
    summary:
      'Run workloads inside Azure under a managed identity; for CI/CD and workloads outside Azure, add a federated credential (workload identity federation) to the app registration, then delete its client secrets.',
    snippet: {
      language: 'shell',
      code: `az ad app federated-credential create --id <app-id> --parameters '{
  "name": "github-deploy-main",
  "issuer": "https://token.actions.githubusercontent.com",
  "subject": "repo:<org>/<repo>:ref:refs/heads/main",
  "audiences": ["api://AzureADTokenExchange"]
}'
az ad app credential delete --id <app-id> --key-id <secret-key-id>`,
    },
  },
  effort: { baseHours: 2, perResourceHours: 2, maxHours: 16 },
  owner: 'Security engineer',
  evidence:
    'The service principal credential inventory at the window’s start and end, and sign-in logs showing the workloads authenticating with managed identity or federated tokens across the period.',
  evaluate(snapshot) {
    const principals = snapshot.entra?.servicePrincipals;
    if (!principals) return unreadSection(snapshot, 'servicePrincipals');
    if (!snapshot.authorization) return unreadSection(snapshot, 'roleAssignments');
    // Only principals that can act on this subscription matter here; role names say how much they can do.
    const rolesByPrincipal = new Map<string, Set<string>>();
    for (const a of snapshot.authorization.roleAssignments)
      if (a.principalType === 'ServicePrincipal')
        rolesByPrincipal.set(
          a.principalId,
          (rolesByPrincipal.get(a.principalId) ?? new Set()).add(a.roleName),
        );

    return principals.flatMap((sp) => {
      const roles = rolesByPrincipal.get(sp.id);
      if (!roles) return [];
      const id = servicePrincipalResourceId(snapshot, sp);
      const where = { resourceName: sp.displayName };
      const holds = `${[...roles].join(', ')} on subscription ${snapshot.subscriptionId}`;
      if (sp.servicePrincipalType === 'ManagedIdentity')
        return [
          pass(id, `${sp.displayName} is a managed identity with ${holds}; it has no secret to leak.`, where),
        ];
      if (sp.servicePrincipalType !== 'Application') return [];
      const live = sp.passwordCredentials.filter((s) => isLive(s, snapshot.collectedAt));
      if (live.length > 0)
        return [
          fail(
            id,
            `${sp.displayName} holds ${counted(live.length, 'client secret')} and has ${holds}; use a managed identity or workload identity federation instead.`,
            where,
          ),
        ];
      const means = [
        sp.keyCredentials.length > 0 ? 'certificates' : undefined,
        (sp.federatedCredentialCount ?? 0) > 0 ? 'federated credentials' : undefined,
      ].filter(Boolean);
      const how =
        means.length > 0 ? `authenticates with ${means.join(' and ')}` : 'holds no usable client secret';
      return [pass(id, `${sp.displayName} ${how} and has ${holds}.`, where)];
    });
  },
});
