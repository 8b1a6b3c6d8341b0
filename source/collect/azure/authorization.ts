// Azure RBAC: who holds which role on the subscription, with the role's name and, from Privileged
// Identity Management, whether each assignment is standing (Assigned) or a time-bound activation.

import {
  AuthorizationManagementClient,
  type RoleAssignment as ArmRoleAssignment,
  type RoleAssignmentScheduleInstance,
} from '@azure/arm-authorization';
import type { RoleAssignment } from '../../model/azure-snapshot.js';
import { armClient, isoDate, listAll, subscriptionScope, type AzureCollectContext } from './context.js';

const SERVICE = 'Microsoft.Authorization';

/** Last segment of a role definition id, lower-cased: the same role reads the same at any scope. */
function roleKey(roleDefinitionId: string): string {
  return (roleDefinitionId.split('/').filter(Boolean).pop() ?? roleDefinitionId).toLowerCase();
}

export async function collectAuthorization(
  ctx: AzureCollectContext,
): Promise<{ roleAssignments: RoleAssignment[] } | undefined> {
  const client = armClient(ctx, AuthorizationManagementClient);
  const assignments = await listAll(
    ctx,
    {
      service: SERVICE,
      operation: 'roleAssignments.listForSubscription',
      permission: 'Microsoft.Authorization/roleAssignments/read',
    },
    (abortSignal) => client.roleAssignments.listForSubscription({ abortSignal }),
  );
  if (!assignments) return undefined;
  const [roleNames, pim] = await Promise.all([readRoleNames(ctx, client), readPim(ctx, client)]);
  return { roleAssignments: assignments.flatMap((a) => toRoleAssignment(a, roleNames, pim) ?? []) };
}

/** Role names by definition GUID; empty when they could not be read (the GUID then stands in). */
async function readRoleNames(
  ctx: AzureCollectContext,
  client: AuthorizationManagementClient,
): Promise<Map<string, string>> {
  const definitions = await listAll(
    ctx,
    {
      service: SERVICE,
      operation: 'roleDefinitions.list',
      permission: 'Microsoft.Authorization/roleDefinitions/read',
    },
    (abortSignal) => client.roleDefinitions.list(subscriptionScope(ctx), { abortSignal }),
  );
  const names = new Map<string, string>();
  for (const d of definitions ?? []) if (d.id && d.roleName) names.set(roleKey(d.id), d.roleName);
  return names;
}

/** The schedule instances PIM reports for the subscription; `undefined` when PIM could not be read. */
async function readPim(
  ctx: AzureCollectContext,
  client: AuthorizationManagementClient,
): Promise<RoleAssignmentScheduleInstance[] | undefined> {
  return listAll(
    ctx,
    {
      service: SERVICE,
      operation: 'roleAssignmentScheduleInstances.list',
      permission: 'Microsoft.Authorization/roleAssignmentScheduleInstances/read',
    },
    (abortSignal) =>
      client.roleAssignmentScheduleInstances.listForScope(subscriptionScope(ctx), { abortSignal }),
  );
}

const same = (a: string | undefined, b: string | undefined) =>
  a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();

/**
 * The PIM instance behind an assignment: the one linked to it by id, else the one for the same
 * principal, role and scope. The principal must match either way, so a group's assignment is never
 * taken for a member's activation through that group.
 */
function pimInstanceFor(
  a: ArmRoleAssignment,
  instances: readonly RoleAssignmentScheduleInstance[],
): RoleAssignmentScheduleInstance | undefined {
  const mine = instances.filter((i) => same(i.principalId, a.principalId));
  return (
    mine.find((i) => same(i.originRoleAssignmentId, a.id)) ??
    mine.find(
      (i) =>
        same(i.scope, a.scope) &&
        i.roleDefinitionId !== undefined &&
        a.roleDefinitionId !== undefined &&
        roleKey(i.roleDefinitionId) === roleKey(a.roleDefinitionId),
    )
  );
}

function assignmentTypeOf(
  instance: RoleAssignmentScheduleInstance | undefined,
): RoleAssignment['assignmentType'] {
  const type = instance?.assignmentType?.toLowerCase();
  if (type === 'activated') return 'Activated';
  if (type === 'assigned') return 'Assigned';
  return undefined;
}

/** ARM knows principals only by object id; PIM's expanded properties carry a readable name. */
function principalNameOf(
  principalId: string,
  instances: readonly RoleAssignmentScheduleInstance[],
): string | undefined {
  const principal = instances.find((i) => same(i.principalId, principalId))?.expandedProperties?.principal;
  return principal?.email || principal?.displayName || undefined;
}

function toRoleAssignment(
  a: ArmRoleAssignment,
  roleNames: Map<string, string>,
  pim: RoleAssignmentScheduleInstance[] | undefined,
): RoleAssignment | undefined {
  if (!a.id || !a.scope || !a.roleDefinitionId || !a.principalId) return undefined;
  const instances = pim ?? [];
  const assignmentType = assignmentTypeOf(pimInstanceFor(a, instances));
  const principalName = principalNameOf(a.principalId, instances);
  const createdOn = isoDate(a.createdOn);
  return {
    id: a.id,
    scope: a.scope,
    roleDefinitionId: a.roleDefinitionId,
    roleName: roleNames.get(roleKey(a.roleDefinitionId)) ?? roleKey(a.roleDefinitionId),
    principalId: a.principalId,
    // Azure may add principal types; the checks judge only users and groups, so others pass through.
    principalType: (a.principalType ?? 'Unknown') as RoleAssignment['principalType'],
    ...(principalName ? { principalName } : {}),
    ...(assignmentType ? { assignmentType } : {}),
    ...(createdOn ? { createdOn } : {}),
  };
}
