// Ledgerline's Azure tenant and its production subscription, "ledgerline-payments-prod".
//
// The tenant (Entra ID) is shared by both subscriptions, so it is built once here: an MFA policy for
// everyone that was left in report-only mode, next to an enforced compliant-device policy for admins;
// a CI app with a two-year client secret next to a certificate app, a federated deployer and a managed
// identity. The subscription itself is the better-run of the two: the Activity Log goes to a Locked,
// 365-day container; one SQL server audits 120 days, the reporting one only 30; one storage account is
// hardened and another is not; a jump box NSG lets anyone reach SSH; the CTO is a standing Owner.
//
// The builders below are exported: the corporate subscription reuses them.

import type {
  AppCredential,
  AzureEntra,
  AzureSnapshot,
  ConditionalAccessPolicy,
  DiagnosticSetting,
  KeyVault,
  KeyVaultKey,
  NetworkSecurityGroup,
  NsgRule,
  PolicyAssignment,
  RoleAssignment,
  ServicePrincipal,
  SqlServer,
  StorageAccount,
} from '../model/azure-snapshot.js';
import { addDays } from '../util/dates.js';

export const TENANT_ID = '6b1f3c2a-9d4e-4a7b-8c5d-2e0f1a3b4c5d';
export const PAYMENTS_SUBSCRIPTION_ID = 'a3f1c9e2-6b7d-4e85-9f20-1c4d7b8e5a63';

/** ISO time `days` before `asOf` (negative days are in the future, for expiry dates). */
export type Ago = (days: number) => string;
export const agoFrom =
  (asOf: Date): Ago =>
  (days) =>
    addDays(asOf, -days).toISOString();

/** A fixed-looking GUID for demo objects, from a readable family prefix and a number. */
export const demoGuid = (family: string, n: number): string =>
  `${family.padEnd(8, '0').slice(0, 8)}-0d3e-4a11-9e6f-${String(n).padStart(12, '0')}`;

// ---- Resource ids ----

export const subscriptionScope = (subscription: string): string => `/subscriptions/${subscription}`;

export const resourceId = (subscription: string, group: string, type: string, name: string): string =>
  `${subscriptionScope(subscription)}/resourceGroups/${group}/providers/${type}/${name}`;

// ---- Entra ID builders (tenant-wide) ----

const GLOBAL_ADMINISTRATOR = '62e90394-69f5-4237-9190-012177145e10';
const PRIVILEGED_ROLE_ADMINISTRATOR = 'e8611ab8-c189-46e8-94e1-60213ab1f814';
const BREAK_GLASS_USER = demoGuid('b6ea4a55', 1);

export interface CaSpec {
  n: number;
  name: string;
  state: ConditionalAccessPolicy['state'];
  /** `all` for every user, or the directory roles it targets. */
  who: 'all' | string[];
  grant: ConditionalAccessPolicy['grantControls'];
  clientAppTypes?: string[];
}

export function caPolicy(spec: CaSpec): ConditionalAccessPolicy {
  return {
    id: demoGuid('ca', spec.n),
    displayName: spec.name,
    state: spec.state,
    conditions: {
      users: {
        includeUsers: spec.who === 'all' ? ['All'] : [],
        excludeUsers: [BREAK_GLASS_USER],
        includeGroups: [],
        excludeGroups: [],
        includeRoles: spec.who === 'all' ? [] : spec.who,
      },
      applications: { includeApplications: ['All'], excludeApplications: [] },
      ...(spec.clientAppTypes ? { clientAppTypes: spec.clientAppTypes } : {}),
    },
    grantControls: spec.grant,
  };
}

/** A credential valid from `start` for `days`. */
export const credential = (n: number, name: string, start: string, days: number): AppCredential => ({
  keyId: demoGuid('c4ed', n),
  displayName: name,
  startDateTime: start,
  endDateTime: addDays(start, days).toISOString(),
});

export interface SpSpec {
  n: number;
  name: string;
  type?: ServicePrincipal['servicePrincipalType'];
  secrets?: AppCredential[];
  certificates?: AppCredential[];
  federated?: number;
}

export function servicePrincipal(spec: SpSpec): ServicePrincipal {
  return {
    id: demoGuid('5e7c1a00', spec.n),
    appId: demoGuid('a99', spec.n),
    displayName: spec.name,
    servicePrincipalType: spec.type ?? 'Application',
    passwordCredentials: spec.secrets ?? [],
    keyCredentials: spec.certificates ?? [],
    ...(spec.federated ? { federatedCredentialCount: spec.federated } : {}),
  };
}

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

// ---- Subscription builders ----

/** Built-in role definition ids: the same in every tenant. */
export const ROLES = {
  Owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  Contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  Reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  'User Access Administrator': '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
  'Key Vault Crypto Service Encryption User': 'e147488a-f6f5-4113-8e2d-b22465e65bf6',
} as const;

export interface AssignmentSpec {
  n: number;
  role: keyof typeof ROLES;
  principal: { id: string; type: RoleAssignment['principalType']; name: string };
  /** PIM: `Assigned` is standing, `Activated` time-bound; absent when PIM could not be read. */
  pim?: RoleAssignment['assignmentType'];
  created: string;
  /** Defaults to the subscription. */
  scope?: string;
}

export function roleAssignment(subscription: string, spec: AssignmentSpec): RoleAssignment {
  const scope = spec.scope ?? subscriptionScope(subscription);
  return {
    id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${demoGuid('a5516', spec.n)}`,
    scope,
    roleDefinitionId: `${subscriptionScope(subscription)}/providers/Microsoft.Authorization/roleDefinitions/${ROLES[spec.role]}`,
    roleName: spec.role,
    principalId: spec.principal.id,
    principalType: spec.principal.type,
    principalName: spec.principal.name,
    ...(spec.pim ? { assignmentType: spec.pim } : {}),
    createdOn: spec.created,
  };
}

export const user = (n: number, name: string) => ({ id: demoGuid('05e4', n), type: 'User' as const, name });
export const entraGroup = (n: number, name: string) => ({
  id: demoGuid('96a0', n),
  type: 'Group' as const,
  name,
});
export const app = (sp: ServicePrincipal) => ({
  id: sp.id,
  type: 'ServicePrincipal' as const,
  name: sp.displayName,
});

export interface SqlSpec {
  subscription: string;
  group: string;
  name: string;
  location: string;
  auditing: SqlServer['auditing'];
  /** Database name to TDE state; `master` is added, as Azure lists it. */
  databases: Record<string, 'Enabled' | 'Disabled'>;
}

export function sqlServer(spec: SqlSpec): SqlServer {
  const id = resourceId(spec.subscription, spec.group, 'Microsoft.Sql/servers', spec.name);
  const databases = { master: 'Enabled' as const, ...spec.databases };
  return {
    id,
    name: spec.name,
    location: spec.location,
    ...(spec.auditing ? { auditing: spec.auditing } : {}),
    databases: Object.entries(databases).map(([name, tde]) => ({
      id: `${id}/databases/${name}`,
      name,
      transparentDataEncryption: tde,
    })),
  };
}

/** An inbound rule; `*`, `Internet` and `0.0.0.0/0` as a source mean anyone. */
export const inbound = (
  name: string,
  priority: number,
  ports: string[],
  sources: string[],
  access: NsgRule['access'] = 'Allow',
): NsgRule => ({
  name,
  direction: 'Inbound',
  access,
  priority,
  protocol: 'Tcp',
  sourceAddressPrefixes: sources,
  destinationPortRanges: ports,
});

export function nsg(
  subscription: string,
  group: string,
  name: string,
  location: string,
  rules: NsgRule[],
  attachedTo: string[],
): NetworkSecurityGroup {
  return {
    id: resourceId(subscription, group, 'Microsoft.Network/networkSecurityGroups', name),
    name,
    location,
    securityRules: rules,
    attachedTo,
  };
}

/** Hardened by default; each spec says only where an account falls short. */
export type StorageSpec = Partial<Omit<StorageAccount, 'id' | 'name' | 'location'>> & {
  subscription: string;
  group: string;
  name: string;
  location: string;
};

export function storageAccount(spec: StorageSpec): StorageAccount {
  const { subscription, group, ...rest } = spec;
  return {
    keySource: 'Microsoft.Keyvault',
    requireInfrastructureEncryption: true,
    enableHttpsTrafficOnly: true,
    allowSharedKeyAccess: false,
    allowBlobPublicAccess: false,
    minimumTlsVersion: 'TLS1_2',
    containers: [],
    ...rest,
    id: resourceId(subscription, group, 'Microsoft.Storage/storageAccounts', spec.name),
  };
}

/** Where Azure Monitor writes the exported Activity Log, with its time-based retention policy. */
export const activityLogContainer = (
  policy: { state: 'Locked' | 'Unlocked'; periodDays: number } | null,
): NonNullable<StorageAccount['containers']>[number] => ({
  name: 'insights-activity-logs',
  immutabilityPolicy: policy,
  hasLegalHold: false,
});

export function vaultKey(
  vault: string,
  name: string,
  enabled: boolean,
  rotation: KeyVaultKey['rotationPolicy'],
): KeyVaultKey {
  return {
    id: `https://${vault}.vault.azure.net/keys/${name}`,
    name,
    enabled,
    ...(rotation !== undefined ? { rotationPolicy: rotation } : {}),
  };
}

export function keyVault(
  subscription: string,
  group: string,
  name: string,
  location: string,
  purgeProtection: boolean,
  keys: KeyVaultKey[] | undefined,
): KeyVault {
  return {
    id: resourceId(subscription, group, 'Microsoft.KeyVault/vaults', name),
    name,
    location,
    enableSoftDelete: true,
    enablePurgeProtection: purgeProtection,
    ...(keys ? { keys } : {}),
  };
}

const ACTIVITY_LOG_CATEGORIES = [
  'Administrative',
  'Security',
  'ServiceHealth',
  'Alert',
  'Recommendation',
  'Policy',
  'Autoscale',
  'ResourceHealth',
];

export function activityLogSetting(
  subscription: string,
  name: string,
  destinations: { storageAccountId?: string; workspaceId?: string },
  enabled: string[] = ACTIVITY_LOG_CATEGORIES,
): DiagnosticSetting {
  return {
    id: `${subscriptionScope(subscription)}/providers/microsoft.insights/diagnosticSettings/${name}`,
    name,
    ...destinations,
    logs: ACTIVITY_LOG_CATEGORIES.map((category) => ({ category, enabled: enabled.includes(category) })),
  };
}

/** The Microsoft cloud security benchmark initiative (built in). */
export const SECURITY_BENCHMARK =
  '/providers/Microsoft.Authorization/policySetDefinitions/1f3afdf9-d0c9-4c3d-847f-89da613e70a8';

export function policyAssignment(
  subscription: string,
  name: string,
  displayName: string,
  definition: string,
  enforcementMode: PolicyAssignment['enforcementMode'],
): PolicyAssignment {
  const scope = subscriptionScope(subscription);
  return {
    id: `${scope}/providers/Microsoft.Authorization/policyAssignments/${name}`,
    name,
    displayName,
    policyDefinitionId: definition,
    scope,
    enforcementMode,
    isInitiative: definition.includes('/policySetDefinitions/'),
  };
}

export const DEFENDER_PLANS = [
  'VirtualMachines',
  'SqlServers',
  'StorageAccounts',
  'KeyVaults',
  'Arm',
] as const;

/** Defender for Cloud plans: the ones named are Standard, the rest Free. */
export const defenderPlans = (standard: readonly string[]): NonNullable<AzureSnapshot['defender']>['plans'] =>
  DEFENDER_PLANS.map((name) => ({ name, pricingTier: standard.includes(name) ? 'Standard' : 'Free' }));

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
