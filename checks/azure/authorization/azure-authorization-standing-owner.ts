import type { RoleAssignment } from '../../../source/model/azure-snapshot.js';
import { defineAzureCheck } from '../../../source/model/check.js';
import { azureUnreadReason, findAzureError, nameFromId, unreadSection } from '../../lib/azure.js';
import { fail, pass, unknown } from '../../lib/results.js';

/** Built-in role definition ids, so a renamed or localised role name still matches. */
const PRIVILEGED_ROLES: Record<string, string> = {
  '8e3af657-a8ff-443c-a75c-2fe8c4bcb635': 'Owner',
  '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9': 'User Access Administrator',
};

function privilegedRole(a: RoleAssignment): string | undefined {
  const byId = PRIVILEGED_ROLES[nameFromId(a.roleDefinitionId).toLowerCase()];
  if (byId) return byId;
  return Object.values(PRIVILEGED_ROLES).find((name) => name.toLowerCase() === a.roleName.toLowerCase());
}

const PIM_QUERY = { services: ['authorization'], operation: 'roleAssignmentScheduleInstances' };

export default defineAzureCheck({
  id: 'azure-authorization-standing-owner',
  service: 'authorization',
  title: 'No user holds Owner or User Access Administrator standing',
  severity: 'high',
  criteria: ['CC6.2', 'CC6.3'],
  risk: 'A person who is Owner all the time can change or delete anything, and grant access to others, whenever their account is phished or misused; nothing asks why they need it today.',
  remediation: {
    summary:
      'Make Owner and User Access Administrator eligible through Privileged Identity Management (time-bound activation with justification and approval) or grant them to a reviewed group, then remove the standing user assignments.',
    snippet: {
      language: 'shell',
      code: `# 1. Make the user eligible (activates on request, for hours), then 2. remove the standing assignment
az rest --method PUT \\
  --url "https://management.azure.com/subscriptions/<sub-id>/providers/Microsoft.Authorization/roleEligibilityScheduleRequests/$(uuidgen)?api-version=2020-10-01" \\
  --body '{"properties": {
    "principalId": "<user-object-id>",
    "roleDefinitionId": "/subscriptions/<sub-id>/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
    "requestType": "AdminAssign",
    "scheduleInfo": {"expiration": {"type": "AfterDuration", "duration": "P365D"}}}}'
az role assignment delete --assignee <user-upn> --role Owner --scope /subscriptions/<sub-id>`,
    },
  },
  effort: { baseHours: 4, perResourceHours: 0.5, maxHours: 12 },
  owner: 'Identity administrator',
  evidence:
    'Role assignment exports at the window’s start and end, the PIM activation history (who, when, justification, approver) across the window, and the quarterly access reviews of the privileged groups.',
  evaluate(snapshot) {
    if (!snapshot.authorization) return unreadSection(snapshot, 'roleAssignments');
    const pimError = findAzureError(snapshot, PIM_QUERY);
    return snapshot.authorization.roleAssignments.flatMap((a) => {
      const role = privilegedRole(a);
      if (!role) return [];
      const who = a.principalName ?? a.principalId;
      const where = { resourceName: `${role} for ${who}` };
      if (a.principalType === 'Group')
        return [
          pass(a.id, `${role} at ${a.scope} goes to group ${who}, whose membership can be reviewed.`, where),
        ];
      if (a.principalType !== 'User') return [];
      if (a.assignmentType === 'Activated')
        return [pass(a.id, `${role} for user ${who} at ${a.scope} is a time-bound PIM activation.`, where)];
      // Without PIM data an assignment may still be an activation: do not call it standing.
      if (a.assignmentType === undefined && pimError)
        return [
          unknown(
            a.id,
            azureUnreadReason(snapshot, PIM_QUERY, 'PIM assignment schedules', {
              subject: `whether user ${who}'s ${role} is standing`,
            }),
            where,
          ),
        ];
      return [fail(a.id, `User ${who} holds ${role} at ${a.scope} as a standing assignment.`, where)];
    });
  },
});
