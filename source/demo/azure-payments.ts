// Ledgerline's Azure tenant and its production subscription, "ledgerline-payments-prod".
//
// The tenant (Entra ID) is shared by both subscriptions, so it is built once here: an MFA policy for
// everyone that was left in report-only mode, next to an enforced compliant-device policy for admins;
// a CI app with a two-year client secret next to a certificate app, a federated deployer and a managed
// identity. The subscription itself is the better-run of the two: the Activity Log goes to a Locked,
// 365-day container; one SQL server audits 120 days, the reporting one only 30; one storage account is
// hardened and another is not; a jump box NSG lets anyone reach SSH; the CTO is a standing Owner.

import type { AzureEntra, AzureSnapshot, ServicePrincipal } from '../model/azure-snapshot.js';
import { agoFrom } from './ago.js';
import {
  activityLogContainer,
  activityLogSetting,
  app,
  caPolicy,
  credential,
  defenderPlans,
  entraGroup,
  inbound,
  keyVault,
  nsg,
  policyAssignment,
  resourceId,
  roleAssignment,
  SECURITY_BENCHMARK,
  servicePrincipal,
  sqlServer,
  storageAccount,
  user,
  vaultKey,
  GLOBAL_ADMINISTRATOR,
  PRIVILEGED_ROLE_ADMINISTRATOR,
} from './azure-builders.js';

export const TENANT_ID = '6b1f3c2a-9d4e-4a7b-8c5d-2e0f1a3b4c5d';
export const PAYMENTS_SUBSCRIPTION_ID = 'a3f1c9e2-6b7d-4e85-9f20-1c4d7b8e5a63';

// ---- The tenant (Entra ID), shared by both subscriptions ----

/** The tenant's service principals, by what the subscriptions' role assignments call them. */
export function ledgerlinePrincipals(asOf: Date) {
  const ago = agoFrom(asOf);
  return {
    // Standing credential: a client secret valid for two years, pasted into the CI system.
    paymentsCi: servicePrincipal({
      n: 1,
      name: 'ledgerline-payments-ci',
      secrets: [credential(1, 'github-actions', ago(200), 730)],
    }),
    reporting: servicePrincipal({
      n: 2,
      name: 'ledgerline-reporting',
      certificates: [credential(2, 'reporting-cert', ago(90), 365)],
    }),
    githubDeploy: servicePrincipal({ n: 3, name: 'ledgerline-github-deploy', federated: 2 }),
    paymentsApi: servicePrincipal({ n: 4, name: 'payments-api-identity', type: 'ManagedIdentity' }),
    // Short-lived secret, but still a secret, with Contributor on the corporate subscription.
    backupSync: servicePrincipal({
      n: 5,
      name: 'corp-backup-sync',
      secrets: [credential(5, 'sync-2025', ago(40), 180)],
    }),
    // Expired a month ago and never cleaned up; it holds no roles any more.
    crmConnector: servicePrincipal({
      n: 6,
      name: 'legacy-crm-connector',
      secrets: [credential(6, 'crm', ago(395), 365)],
    }),
  } satisfies Record<string, ServicePrincipal>;
}

export function ledgerlineEntra(asOf: Date): AzureEntra {
  return {
    conditionalAccessPolicies: [
      // Switched to report-only during a rollout "for a week", eight months ago.
      caPolicy({
        n: 1,
        name: 'Require MFA for all users',
        state: 'enabledForReportingButNotEnforced',
        who: 'all',
        grant: { operator: 'OR', builtInControls: ['mfa'] },
      }),
      caPolicy({
        n: 2,
        name: 'Require MFA for administrators',
        state: 'enabled',
        who: [GLOBAL_ADMINISTRATOR, PRIVILEGED_ROLE_ADMINISTRATOR],
        grant: { operator: 'OR', builtInControls: ['mfa'] },
      }),
      caPolicy({
        n: 3,
        name: 'Require compliant device for administrators',
        state: 'enabled',
        who: [GLOBAL_ADMINISTRATOR, PRIVILEGED_ROLE_ADMINISTRATOR],
        grant: { operator: 'AND', builtInControls: ['mfa', 'compliantDevice'] },
      }),
      caPolicy({
        n: 4,
        name: 'Block legacy authentication',
        state: 'enabled',
        who: 'all',
        grant: { operator: 'OR', builtInControls: ['block'] },
        clientAppTypes: ['exchangeActiveSync', 'other'],
      }),
    ],
    servicePrincipals: Object.values(ledgerlinePrincipals(asOf)),
  };
}

// ---- The subscription ----

export function azurePayments(asOf: Date): AzureSnapshot {
  const ago = agoFrom(asOf);
  const sub = PAYMENTS_SUBSCRIPTION_ID;
  const principals = ledgerlinePrincipals(asOf);
  const WEU = 'westeurope';
  const NEU = 'northeurope';
  const rg = { app: 'rg-payments-prod', data: 'rg-payments-data', ops: 'rg-payments-ops' };

  const auditLogs = storageAccount({
    subscription: sub,
    group: rg.ops,
    name: 'stledgerauditlogs',
    location: WEU,
    // Infrastructure encryption can only be set when an account is created; this one predates the policy.
    requireInfrastructureEncryption: false,
    containers: [
      activityLogContainer({ state: 'Locked', periodDays: 365 }),
      {
        name: 'sqldbauditlogs',
        immutabilityPolicy: { state: 'Locked', periodDays: 365 },
        hasLegalHold: false,
      },
    ],
  });
  const workspace = {
    id: resourceId(sub, rg.ops, 'Microsoft.OperationalInsights/workspaces', 'log-ledger-payments'),
    name: 'log-ledger-payments',
    location: WEU,
    retentionInDays: 365,
  };
  const vnetSubnet = (name: string) =>
    `${resourceId(sub, rg.app, 'Microsoft.Network/virtualNetworks', 'vnet-payments')}/subnets/${name}`;
  const nic = (name: string) => resourceId(sub, rg.app, 'Microsoft.Network/networkInterfaces', name);
  const vault = 'kv-ledger-payments';

  return {
    schemaVersion: 1,
    provider: 'azure',
    source: 'demo',
    collectedAt: asOf.toISOString(),
    errors: [],
    tags: { environment: 'production' },
    tenantId: TENANT_ID,
    subscriptionId: sub,
    subscriptionName: 'ledgerline-payments-prod',
    locations: [WEU, NEU],
    entra: ledgerlineEntra(asOf),
    authorization: {
      roleAssignments: [
        // The CTO made himself Owner when the subscription was created and never moved to PIM.
        roleAssignment(sub, {
          n: 1,
          role: 'Owner',
          principal: user(1, 'mark.chen@ledgerline.io'),
          pim: 'Assigned',
          created: ago(900),
        }),
        roleAssignment(sub, {
          n: 2,
          role: 'Owner',
          principal: entraGroup(1, 'sg-payments-owners'),
          pim: 'Assigned',
          created: ago(600),
        }),
        roleAssignment(sub, {
          n: 3,
          role: 'Owner',
          principal: user(2, 'priya.nair@ledgerline.io'),
          pim: 'Activated',
          created: ago(0),
        }),
        roleAssignment(sub, {
          n: 4,
          role: 'User Access Administrator',
          principal: user(3, 'ops-contractor@ledgerline.io'),
          pim: 'Assigned',
          created: ago(210),
        }),
        roleAssignment(sub, {
          n: 5,
          role: 'Contributor',
          principal: app(principals.paymentsCi),
          pim: 'Assigned',
          created: ago(200),
        }),
        roleAssignment(sub, {
          n: 6,
          role: 'Contributor',
          principal: app(principals.githubDeploy),
          pim: 'Assigned',
          created: ago(120),
        }),
        roleAssignment(sub, {
          n: 7,
          role: 'Reader',
          principal: app(principals.reporting),
          pim: 'Assigned',
          created: ago(300),
        }),
        roleAssignment(sub, {
          n: 8,
          role: 'Key Vault Crypto Service Encryption User',
          principal: app(principals.paymentsApi),
          pim: 'Assigned',
          created: ago(500),
          scope: resourceId(sub, rg.data, 'Microsoft.KeyVault/vaults', vault),
        }),
      ],
    },
    sql: {
      servers: [
        sqlServer({
          subscription: sub,
          group: rg.data,
          name: 'sql-ledger-payments',
          location: WEU,
          auditing: {
            state: 'Enabled',
            retentionDays: 120,
            storageEndpoint: 'https://stledgerauditlogs.blob.core.windows.net/',
          },
          databases: { payments: 'Enabled', ledger: 'Enabled' },
        }),
        // Reporting replica: audits, but keeps a month; its database was restored from a backup without TDE.
        sqlServer({
          subscription: sub,
          group: rg.data,
          name: 'sql-ledger-reporting',
          location: NEU,
          auditing: {
            state: 'Enabled',
            retentionDays: 30,
            storageEndpoint: 'https://stledgerauditlogs.blob.core.windows.net/',
          },
          databases: { reporting: 'Disabled' },
        }),
      ],
    },
    network: {
      networkSecurityGroups: [
        nsg(
          sub,
          rg.app,
          'nsg-payments-api',
          WEU,
          [
            inbound('allow-https', 100, ['443'], ['Internet']),
            inbound('allow-ssh-from-vnet', 200, ['22'], ['VirtualNetwork']),
            inbound('deny-all-inbound', 4000, ['*'], ['*'], 'Deny'),
          ],
          [vnetSubnet('snet-api')],
        ),
        nsg(
          sub,
          rg.app,
          'nsg-payments-jumpbox',
          WEU,
          [inbound('allow-ssh', 100, ['22'], ['*'])],
          [nic('nic-jumpbox-01')],
        ),
        nsg(
          sub,
          rg.data,
          'nsg-payments-sql',
          WEU,
          [inbound('allow-sql-from-app', 100, ['1433'], ['10.10.1.0/24'])],
          [vnetSubnet('snet-data')],
        ),
      ],
    },
    storage: {
      accounts: [
        storageAccount({
          subscription: sub,
          group: rg.data,
          name: 'stledgerpaymentsdata',
          location: WEU,
          containers: [{ name: 'settlements', immutabilityPolicy: null, hasLegalHold: false }],
        }),
        auditLogs,
        // Partner exports: Microsoft-managed keys, old TLS for a partner's legacy client, keys and public blobs allowed.
        storageAccount({
          subscription: sub,
          group: rg.app,
          name: 'stledgerexports',
          location: NEU,
          keySource: 'Microsoft.Storage',
          requireInfrastructureEncryption: false,
          minimumTlsVersion: 'TLS1_0',
          allowSharedKeyAccess: undefined,
          allowBlobPublicAccess: true,
          containers: [{ name: 'partner-exports', immutabilityPolicy: null, hasLegalHold: false }],
        }),
      ],
    },
    keyVault: {
      vaults: [
        keyVault(sub, rg.data, vault, WEU, true, [
          vaultKey(vault, 'payments-data-cmk', true, {
            autoRotate: true,
            rotateAfterDays: 365,
            expiresAfterDays: 730,
          }),
          vaultKey(vault, 'webhook-signing', true, null),
          vaultKey(vault, 'legacy-tokenization', false, null),
        ]),
      ],
    },
    monitor: {
      activityLogDiagnosticSettings: [
        activityLogSetting(sub, 'activity-log-archive', {
          storageAccountId: auditLogs.id,
          workspaceId: workspace.id,
        }),
      ],
      logAnalyticsWorkspaces: [workspace],
    },
    policy: {
      assignments: [
        policyAssignment(sub, 'mcsb', 'Microsoft cloud security benchmark', SECURITY_BENCHMARK, 'Default'),
        policyAssignment(
          sub,
          'allowed-locations',
          'Allowed locations',
          '/providers/Microsoft.Authorization/policyDefinitions/e56962a6-4747-49cd-b67b-bf8b01975c4c',
          'Default',
        ),
      ],
    },
    defender: { plans: defenderPlans(['VirtualMachines', 'SqlServers', 'StorageAccounts']) },
  };
}
