// Ledgerline's corporate Azure subscription, "ledgerline-corp": HR database, file shares, the office.
//
// The weaker of the two subscriptions: the Activity Log export leaves out the Security category and lands
// in a container whose 30-day immutability policy was never locked; HR's SQL server does not audit; a
// file server answers RDP from the internet and a forgotten NSG allows everything; the file share accepts
// plain HTTP; nothing is on a Defender plan; the benchmark initiative only audits. The read-only scan
// identity also lacked two permissions (PIM schedules, the corporate vault's keys), so those are UNKNOWN.

import type { AzureSnapshot } from '../model/azure-snapshot.js';
import type { CollectionError } from '../model/snapshot.js';
import { agoFrom } from './ago.js';
import {
  activityLogContainer,
  activityLogSetting,
  app,
  defenderPlans,
  entraGroup,
  inbound,
  keyVault,
  nsg,
  policyAssignment,
  resourceId,
  roleAssignment,
  SECURITY_BENCHMARK,
  sqlServer,
  storageAccount,
  user,
} from './azure-builders.js';
import { ledgerlineEntra, ledgerlinePrincipals, TENANT_ID } from './azure-payments.js';

export const CORPORATE_SUBSCRIPTION_ID = 'c8e2d4f6-1a3b-4c5d-8e7f-9a0b1c2d3e4f';

export function azureCorporate(asOf: Date): AzureSnapshot {
  const ago = agoFrom(asOf);
  const sub = CORPORATE_SUBSCRIPTION_ID;
  const principals = ledgerlinePrincipals(asOf);
  const WEU = 'westeurope';
  const rg = { it: 'rg-corp-it', hr: 'rg-corp-hr' };

  const corpLogs = storageAccount({
    subscription: sub,
    group: rg.it,
    name: 'stledgercorplogs',
    location: WEU,
    keySource: 'Microsoft.Storage',
    requireInfrastructureEncryption: false,
    // Unlocked: anyone with Owner can shorten or remove the policy and delete the logs.
    containers: [activityLogContainer({ state: 'Unlocked', periodDays: 30 })],
  });
  const vault = keyVault(sub, rg.it, 'kv-ledger-corp', WEU, false, undefined);
  const fileServerNic = resourceId(sub, rg.it, 'Microsoft.Network/networkInterfaces', 'nic-fileserver-01');
  const officeSubnet = `${resourceId(sub, rg.it, 'Microsoft.Network/virtualNetworks', 'vnet-corp')}/subnets/snet-office`;

  const errors: CollectionError[] = [
    {
      service: 'Microsoft.Authorization',
      operation: 'roleAssignmentScheduleInstances.list',
      kind: 'AccessDenied',
      message:
        'The client does not have authorization to perform action roleAssignmentScheduleInstances/read.',
      permission: 'Microsoft.Authorization/roleAssignmentScheduleInstances/read',
    },
    {
      service: 'Microsoft.KeyVault',
      operation: 'keys.list',
      kind: 'AccessDenied',
      message:
        'Caller is not authorized to perform action on resource (Forbidden by the vault access policy).',
      region: WEU,
      resourceId: vault.id,
      permission: 'Microsoft.KeyVault/vaults/keys/read',
    },
  ];

  return {
    schemaVersion: 1,
    provider: 'azure',
    source: 'demo',
    collectedAt: asOf.toISOString(),
    errors,
    tags: { environment: 'corporate' },
    tenantId: TENANT_ID,
    subscriptionId: sub,
    subscriptionName: 'ledgerline-corp',
    locations: [WEU],
    entra: ledgerlineEntra(asOf),
    authorization: {
      // PIM could not be read here, so whether the finance admin's Owner role is standing is unknown.
      roleAssignments: [
        roleAssignment(sub, {
          n: 101,
          role: 'Owner',
          principal: user(11, 'finance-admin@ledgerline.io'),
          created: ago(700),
        }),
        roleAssignment(sub, {
          n: 102,
          role: 'Owner',
          principal: entraGroup(11, 'sg-it-admins'),
          created: ago(800),
        }),
        roleAssignment(sub, {
          n: 103,
          role: 'Contributor',
          principal: app(principals.backupSync),
          created: ago(40),
        }),
        roleAssignment(sub, {
          n: 104,
          role: 'Reader',
          principal: user(12, 'auditor@ledgerline.io'),
          created: ago(20),
        }),
      ],
    },
    sql: {
      servers: [
        sqlServer({
          subscription: sub,
          group: rg.hr,
          name: 'sql-ledger-corp-hr',
          location: WEU,
          auditing: { state: 'Disabled', retentionDays: 0 },
          databases: { hr: 'Enabled' },
        }),
      ],
    },
    network: {
      networkSecurityGroups: [
        nsg(
          sub,
          rg.it,
          'nsg-corp-office',
          WEU,
          [inbound('allow-rdp-office', 100, ['3389'], ['203.0.113.0/24'])],
          [officeSubnet],
        ),
        nsg(
          sub,
          rg.it,
          'nsg-corp-fileserver',
          WEU,
          [
            inbound('allow-smb-office', 100, ['445'], ['203.0.113.0/24']),
            inbound('allow-rdp', 110, ['3389'], ['Internet']),
          ],
          [fileServerNic],
        ),
        // Created for a vendor demo; attached to nothing, allows everything.
        nsg(
          sub,
          rg.it,
          'nsg-corp-legacy-app',
          WEU,
          [{ ...inbound('allow-all', 100, ['*'], ['0.0.0.0/0']), protocol: '*' }],
          [],
        ),
      ],
    },
    storage: {
      accounts: [
        storageAccount({
          subscription: sub,
          group: rg.it,
          name: 'stledgercorpfiles',
          location: WEU,
          keySource: 'Microsoft.Storage',
          requireInfrastructureEncryption: false,
          enableHttpsTrafficOnly: false,
          allowSharedKeyAccess: true,
          containers: [{ name: 'hr-documents', immutabilityPolicy: null, hasLegalHold: false }],
        }),
        corpLogs,
      ],
    },
    keyVault: { vaults: [vault] },
    monitor: {
      // Exports only the Administrative category, and only to the unlocked 30-day container.
      activityLogDiagnosticSettings: [
        activityLogSetting(sub, 'activity-admin-only', { storageAccountId: corpLogs.id }, ['Administrative']),
      ],
      logAnalyticsWorkspaces: [
        {
          id: resourceId(sub, rg.it, 'Microsoft.OperationalInsights/workspaces', 'log-ledger-corp'),
          name: 'log-ledger-corp',
          location: WEU,
          retentionInDays: 30,
        },
      ],
    },
    policy: {
      assignments: [
        policyAssignment(
          sub,
          'mcsb-audit',
          'Microsoft cloud security benchmark (audit only)',
          SECURITY_BENCHMARK,
          'DoNotEnforce',
        ),
      ],
    },
    defender: { plans: defenderPlans([]) },
  };
}
