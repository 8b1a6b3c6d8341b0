// Subscription-wide governance: Azure Policy assignments, where the Activity Log is exported (and the
// Log Analytics workspaces that may receive it), and the Defender for Cloud plans.

import { MonitorClient, type DiagnosticSettingsResource } from '@azure/arm-monitor';
import { OperationalInsightsManagementClient, type Workspace } from '@azure/arm-operationalinsights';
import { PolicyClient, type PolicyAssignment as ArmPolicyAssignment } from '@azure/arm-policy';
import { SecurityCenter, type Pricing } from '@azure/arm-security';
import type {
  AzureMonitor,
  DefenderPlan,
  DiagnosticSetting,
  LogAnalyticsWorkspace,
  PolicyAssignment,
} from '../../model/azure-snapshot.js';
import { armClient, listAll, listOnePage, subscriptionScope, type AzureCollectContext } from './context.js';

/**
 * A resource provider the subscription never registered has no resources of its kind: ARM answers
 * 409 MissingSubscriptionRegistration, which is "nothing configured", not a failure.
 */
const NOT_REGISTERED = ['MissingSubscriptionRegistration'] as const;

// ---- Policy ----

export async function collectPolicy(
  ctx: AzureCollectContext,
): Promise<{ assignments: PolicyAssignment[] } | undefined> {
  const client = armClient(ctx, PolicyClient);
  // Without a filter ARM lists assignments on the subscription, inside it, and inherited from above it.
  const assignments = await listAll(
    ctx,
    {
      service: 'Microsoft.Authorization',
      operation: 'policyAssignments.list',
      permission: 'Microsoft.Authorization/policyAssignments/read',
    },
    (abortSignal) => client.policyAssignments.list({ abortSignal }),
  );
  if (!assignments) return undefined;
  return { assignments: assignments.flatMap((a) => toPolicyAssignment(a) ?? []) };
}

/** `.../providers/Microsoft.Authorization/policyAssignments/x` sits on the scope before `/providers/`. */
function scopeOfAssignment(id: string): string {
  const at = id.toLowerCase().lastIndexOf('/providers/microsoft.authorization/policyassignments/');
  return at > 0 ? id.slice(0, at) : '/';
}

function toPolicyAssignment(a: ArmPolicyAssignment): PolicyAssignment | undefined {
  if (!a.id || !a.name || !a.policyDefinitionId) return undefined;
  return {
    id: a.id,
    name: a.name,
    ...(a.displayName ? { displayName: a.displayName } : {}),
    policyDefinitionId: a.policyDefinitionId,
    scope: a.scope || scopeOfAssignment(a.id),
    // Azure leaves the mode out when it is the default.
    enforcementMode: a.enforcementMode?.toLowerCase() === 'donotenforce' ? 'DoNotEnforce' : 'Default',
    isInitiative: a.policyDefinitionId.toLowerCase().includes('/policysetdefinitions/'),
  };
}

// ---- Monitor ----

/**
 * The Activity Log's diagnostic settings decide the section: without them it is `undefined`. When only
 * the workspaces could not be listed the list is empty and the error is recorded, so a workspace the
 * Activity Log goes to is not found and the retention check cannot pass or fail it.
 */
export async function collectMonitor(ctx: AzureCollectContext): Promise<AzureMonitor | undefined> {
  const [settings, workspaces] = await Promise.all([readActivityLogSettings(ctx), readWorkspaces(ctx)]);
  if (!settings) return undefined;
  return { activityLogDiagnosticSettings: settings, logAnalyticsWorkspaces: workspaces ?? [] };
}

async function readActivityLogSettings(ctx: AzureCollectContext): Promise<DiagnosticSetting[] | undefined> {
  const client = armClient(ctx, MonitorClient);
  // Subscription diagnostic settings are the resource's own settings with the subscription as the
  // resource (api-version 2017-05-01-preview serves both). One page: the API has no nextLink.
  const settings = await listOnePage(
    ctx,
    {
      service: 'Microsoft.Insights',
      operation: 'diagnosticSettings.list',
      permission: 'Microsoft.Insights/diagnosticSettings/read',
      absentWhen: NOT_REGISTERED,
    },
    (abortSignal) => client.diagnosticSettings.list(subscriptionScope(ctx), { abortSignal }),
  );
  return settings?.flatMap((s) => toDiagnosticSetting(s) ?? []);
}

function toDiagnosticSetting(s: DiagnosticSettingsResource): DiagnosticSetting | undefined {
  if (!s.id || !s.name) return undefined;
  return {
    // Azure sends subscription settings' ids without the leading slash every other id has.
    id: s.id.startsWith('/') ? s.id : `/${s.id}`,
    name: s.name,
    ...(s.storageAccountId ? { storageAccountId: s.storageAccountId } : {}),
    ...(s.workspaceId ? { workspaceId: s.workspaceId } : {}),
    ...(s.eventHubAuthorizationRuleId ? { eventHubAuthorizationRuleId: s.eventHubAuthorizationRuleId } : {}),
    logs: (s.logs ?? []).flatMap((l) => (l.category ? [{ category: l.category, enabled: l.enabled }] : [])),
  };
}

async function readWorkspaces(ctx: AzureCollectContext): Promise<LogAnalyticsWorkspace[] | undefined> {
  const client = armClient(ctx, OperationalInsightsManagementClient);
  const workspaces = await listAll(
    ctx,
    {
      service: 'Microsoft.OperationalInsights',
      operation: 'workspaces.list',
      permission: 'Microsoft.OperationalInsights/workspaces/read',
      absentWhen: NOT_REGISTERED,
    },
    (abortSignal) => client.workspaces.list({ abortSignal }),
  );
  return workspaces?.flatMap((w) => toWorkspace(w) ?? []);
}

/** A workspace whose retention Azure did not report is left out rather than given a made-up one. */
function toWorkspace(w: Workspace): LogAnalyticsWorkspace | undefined {
  if (!w.id || !w.name || typeof w.retentionInDays !== 'number') return undefined;
  return { id: w.id, name: w.name, location: w.location, retentionInDays: w.retentionInDays };
}

// ---- Defender for Cloud ----

export async function collectDefender(
  ctx: AzureCollectContext,
): Promise<{ plans: DefenderPlan[] } | undefined> {
  const client = armClient(ctx, SecurityCenter);
  // One page: the pricings API has no nextLink. Unregistered Microsoft.Security means no plan is on.
  const pricings = await listOnePage(
    ctx,
    {
      service: 'Microsoft.Security',
      operation: 'pricings.list',
      permission: 'Microsoft.Security/pricings/read',
      absentWhen: NOT_REGISTERED,
    },
    (abortSignal) => client.pricings.list({ abortSignal }),
  );
  if (!pricings) return undefined;
  return { plans: pricings.flatMap((p) => toPlan(p) ?? []) };
}

function toPlan(p: Pricing): DefenderPlan | undefined {
  if (!p.name) return undefined;
  return { name: p.name, pricingTier: p.pricingTier?.toLowerCase() === 'standard' ? 'Standard' : 'Free' };
}
