// What is read from one Azure subscription, plus the tenant-wide Entra ID settings that govern it
// (Conditional Access, service principals). Tenant-wide findings carry the tenant as their resource,
// so evaluating two subscriptions of one tenant reports them once.

import type { SnapshotBase } from './snapshot.js';

export interface AzureSnapshot extends SnapshotBase {
  provider: 'azure';
  tenantId: string;
  subscriptionId: string;
  subscriptionName?: string;
  /** Locations that hold resources in the subscription. */
  locations: string[];
  entra?: AzureEntra;
  authorization?: { roleAssignments: RoleAssignment[] };
  sql?: { servers: SqlServer[] };
  network?: { networkSecurityGroups: NetworkSecurityGroup[] };
  storage?: { accounts: StorageAccount[] };
  keyVault?: { vaults: KeyVault[] };
  monitor?: AzureMonitor;
  policy?: { assignments: PolicyAssignment[] };
  defender?: { plans: DefenderPlan[] };
}

// ---- Entra ID (Microsoft Graph) ----

export interface AzureEntra {
  /** `undefined` when Policy.Read.All was missing (see errors). */
  conditionalAccessPolicies?: ConditionalAccessPolicy[];
  /** `undefined` when Application.Read.All was missing (see errors). */
  servicePrincipals?: ServicePrincipal[];
}

export interface ConditionalAccessPolicy {
  id: string;
  displayName: string;
  state: 'enabled' | 'disabled' | 'enabledForReportingButNotEnforced';
  conditions: {
    users: {
      includeUsers: string[];
      excludeUsers: string[];
      includeGroups: string[];
      excludeGroups: string[];
      includeRoles: string[];
    };
    applications: { includeApplications: string[]; excludeApplications: string[] };
    clientAppTypes?: string[];
  };
  /** `null` when the policy only blocks or only applies session controls. */
  grantControls: {
    operator: 'AND' | 'OR';
    builtInControls: (
      'block' | 'mfa' | 'compliantDevice' | 'domainJoinedDevice' | 'approvedApplication' | string
    )[];
  } | null;
}

export interface AppCredential {
  keyId: string;
  displayName?: string;
  startDateTime?: string;
  endDateTime?: string;
}

export interface ServicePrincipal {
  /** Object id. */
  id: string;
  appId: string;
  displayName: string;
  servicePrincipalType: 'Application' | 'ManagedIdentity' | 'Legacy' | 'SocialIdp';
  /** Client secrets. */
  passwordCredentials: AppCredential[];
  /** Certificates. */
  keyCredentials: AppCredential[];
  /** Federated identity credentials (workload identity federation) on the app registration. */
  federatedCredentialCount?: number;
}

// ---- Authorization ----

export interface RoleAssignment {
  id: string;
  scope: string;
  roleDefinitionId: string;
  roleName: string;
  principalId: string;
  principalType: 'User' | 'Group' | 'ServicePrincipal' | 'ForeignGroup' | 'Device';
  principalName?: string;
  /**
   * From PIM role assignment schedule instances: `Activated` is a time-bound elevation, `Assigned` a
   * standing one. `undefined` when PIM data could not be read or PIM is not in use.
   */
  assignmentType?: 'Assigned' | 'Activated';
  createdOn?: string;
}

// ---- SQL ----

export interface SqlServer {
  id: string;
  name: string;
  location: string;
  tags?: Record<string, string>;
  /** Server blob auditing policy; `undefined` when it could not be read. */
  auditing?: {
    state: 'Enabled' | 'Disabled';
    /** 0 means "keep forever" when the target is storage. */
    retentionDays: number;
    storageEndpoint?: string;
    isAzureMonitorTargetEnabled?: boolean;
  };
  /** `undefined` when the server's databases could not be listed. */
  databases?: SqlDatabase[];
}

export interface SqlDatabase {
  id: string;
  name: string;
  /** Transparent data encryption; `undefined` when it could not be read. */
  transparentDataEncryption?: 'Enabled' | 'Disabled';
}

// ---- Network ----

export interface NetworkSecurityGroup {
  id: string;
  name: string;
  location: string;
  tags?: Record<string, string>;
  securityRules: NsgRule[];
  /** Subnet and NIC ids the group is attached to. */
  attachedTo: string[];
}

export interface NsgRule {
  name: string;
  direction: 'Inbound' | 'Outbound';
  access: 'Allow' | 'Deny';
  priority: number;
  protocol: 'Tcp' | 'Udp' | 'Icmp' | '*' | string;
  /** Both `sourceAddressPrefix` and `sourceAddressPrefixes` merged. `*`, `Internet`, `0.0.0.0/0` mean anyone. */
  sourceAddressPrefixes: string[];
  /** Both singular and plural forms merged: `22`, `3389`, `1000-2000`, `*`. */
  destinationPortRanges: string[];
}

// ---- Storage ----

export interface StorageAccount {
  id: string;
  name: string;
  location: string;
  tags?: Record<string, string>;
  /** `Microsoft.Storage` = Microsoft-managed keys, `Microsoft.Keyvault` = customer-managed keys. */
  keySource: 'Microsoft.Storage' | 'Microsoft.Keyvault';
  requireInfrastructureEncryption: boolean;
  enableHttpsTrafficOnly: boolean;
  /** Azure treats "not set" as allowed, so `undefined` here means shared keys are allowed. */
  allowSharedKeyAccess?: boolean;
  allowBlobPublicAccess: boolean;
  minimumTlsVersion?: 'TLS1_0' | 'TLS1_1' | 'TLS1_2' | 'TLS1_3';
  /** Blob containers; `undefined` when they could not be listed. */
  containers?: BlobContainer[];
}

export interface BlobContainer {
  name: string;
  /** Time-based retention (WORM) policy; `null` when none. */
  immutabilityPolicy: { state: 'Locked' | 'Unlocked'; periodDays: number } | null;
  hasLegalHold: boolean;
}

// ---- Key Vault ----

export interface KeyVault {
  id: string;
  name: string;
  location: string;
  enableSoftDelete: boolean;
  enablePurgeProtection: boolean;
  /** Keys; `undefined` when the data-plane list was denied. */
  keys?: KeyVaultKey[];
}

export interface KeyVaultKey {
  id: string;
  name: string;
  enabled: boolean;
  /** `null` when the key has no rotation policy; `undefined` when it could not be read. */
  rotationPolicy?: { autoRotate: boolean; rotateAfterDays?: number; expiresAfterDays?: number } | null;
}

// ---- Monitor ----

export interface AzureMonitor {
  /** Diagnostic settings on the subscription itself: where the Activity Log goes. */
  activityLogDiagnosticSettings: DiagnosticSetting[];
  logAnalyticsWorkspaces: LogAnalyticsWorkspace[];
}

export interface DiagnosticSetting {
  id: string;
  name: string;
  storageAccountId?: string;
  workspaceId?: string;
  eventHubAuthorizationRuleId?: string;
  /** Activity Log categories: Administrative, Security, Policy, Alert, ... */
  logs: { category: string; enabled: boolean }[];
}

export interface LogAnalyticsWorkspace {
  id: string;
  name: string;
  location: string;
  retentionInDays: number;
}

// ---- Policy and Defender ----

export interface PolicyAssignment {
  id: string;
  name: string;
  displayName?: string;
  policyDefinitionId: string;
  scope: string;
  enforcementMode: 'Default' | 'DoNotEnforce';
  /** True when the assignment is an initiative (policy set), such as the cloud security benchmark. */
  isInitiative: boolean;
}

export interface DefenderPlan {
  /** `VirtualMachines`, `SqlServers`, `StorageAccounts`, `KeyVaults`, `Arm`, ... */
  name: string;
  pricingTier: 'Free' | 'Standard';
}
