// Builders for the demo's Azure resources and Entra ID objects, shared by both subscriptions.

import type {
  AppCredential,
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

/** A fixed-looking GUID for demo objects, from a readable family prefix and a number. */
export const demoGuid = (family: string, n: number): string =>
  `${family.padEnd(8, '0').slice(0, 8)}-0d3e-4a11-9e6f-${String(n).padStart(12, '0')}`;

// ---- Resource ids ----

export const subscriptionScope = (subscription: string): string => `/subscriptions/${subscription}`;

export const resourceId = (subscription: string, group: string, type: string, name: string): string =>
  `${subscriptionScope(subscription)}/resourceGroups/${group}/providers/${type}/${name}`;

// ---- Entra ID builders (tenant-wide) ----

export const GLOBAL_ADMINISTRATOR = '62e90394-69f5-4237-9190-012177145e10';
export const PRIVILEGED_ROLE_ADMINISTRATOR = 'e8611ab8-c189-46e8-94e1-60213ab1f814';
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
