import type { AwsIam, InlinePolicy, IamManagedPolicy } from '../../../source/model/aws-snapshot.js';
import type { CheckResult } from '../../../source/model/check.js';
import { defineAwsCheck } from '../../../source/model/check.js';
import {
  isServiceLinkedRolePath,
  isSsoReservedRolePath,
  unreadAuthorizationDetails,
} from '../../lib/aws-iam.js';
import { grantsFullAdmin, isAdministratorAccessArn } from '../../lib/aws-policy.js';
import { fail, pass, unknown } from '../../lib/results.js';

/** Where a principal's admin grant comes from, and which attached policies could not be looked at. */
interface Grants {
  admin: string[];
  missing: string[];
}

function policyGrants(
  attachedPolicyArns: readonly string[],
  inlinePolicies: readonly InlinePolicy[],
  policies: ReadonlyMap<string, IamManagedPolicy>,
  via = '',
): Grants {
  const grants: Grants = { admin: [], missing: [] };
  for (const arn of attachedPolicyArns) {
    const policy = policies.get(arn);
    if (policy ? grantsFullAdmin(policy.document) : isAdministratorAccessArn(arn))
      grants.admin.push(`managed policy ${policy?.policyName ?? 'AdministratorAccess'}${via}`);
    else if (!policy) grants.missing.push(`policy ${arn}${via}`);
  }
  for (const inline of inlinePolicies)
    if (grantsFullAdmin(inline.document)) grants.admin.push(`inline policy ${inline.name}${via}`);
  return grants;
}

function merge(all: Grants[]): Grants {
  return { admin: all.flatMap((g) => g.admin), missing: all.flatMap((g) => g.missing) };
}

function verdict(kind: string, arn: string, name: string, grants: Grants): CheckResult {
  const where = { resourceName: name };
  if (grants.admin.length > 0)
    return fail(
      arn,
      `${kind} ${name} has full administrator access through ${grants.admin.join(', ')}.`,
      where,
    );
  if (grants.missing.length > 0)
    return unknown(
      arn,
      `Could not assess ${kind.toLowerCase()} ${name}: ${grants.missing.join(', ')} ${grants.missing.length > 1 ? 'are' : 'is'} not in the snapshot.`,
      where,
    );
  return pass(arn, `${kind} ${name} holds no policy that allows every action on every resource.`, where);
}

function evaluateIam(iam: AwsIam): CheckResult[] {
  const policies = new Map(iam.policies.map((p) => [p.arn, p]));
  const groups = new Map(iam.groups.map((g) => [g.groupName, g]));

  const users = iam.users.map((user) => {
    const own = policyGrants(user.attachedPolicyArns, user.inlinePolicies, policies);
    const viaGroups = user.groupNames.map((name): Grants => {
      const group = groups.get(name);
      if (!group) return { admin: [], missing: [`group ${name}`] };
      return policyGrants(group.attachedPolicyArns, group.inlinePolicies, policies, ` (via group ${name})`);
    });
    return verdict('User', user.arn, user.userName, merge([own, ...viaGroups]));
  });

  // Service-linked roles belong to AWS; Identity Center roles mirror permission sets, whose assignments
  // are reviewed as people's access, not as IAM policy.
  const roles = iam.roles
    .filter((role) => !isServiceLinkedRolePath(role.path) && !isSsoReservedRolePath(role.path))
    .map((role) =>
      verdict(
        'Role',
        role.arn,
        role.roleName,
        policyGrants(role.attachedPolicyArns, role.inlinePolicies, policies),
      ),
    );

  const groupResults = iam.groups.map((group) =>
    verdict(
      'Group',
      group.arn,
      group.groupName,
      policyGrants(group.attachedPolicyArns, group.inlinePolicies, policies),
    ),
  );

  return [...users, ...groupResults, ...roles];
}

export default defineAwsCheck({
  id: 'aws-iam-no-admin-policy',
  service: 'iam',
  title: 'No IAM user, group or role holds full administrator access',
  severity: 'critical',
  criteria: ['CC6.1', 'CC6.3'],
  risk:
    'A principal allowed every action on every resource can read all customer data, switch off logging and ' +
    'erase the evidence; one leaked credential or one mistake by it is a company-wide incident, and auditors ' +
    'treat unjustified standing admin as a least-privilege exception.',
  remediation: {
    summary:
      'Replace administrator policies on users, groups and workload roles with policies scoped to what each ' +
      'one does; keep full admin only for a break-glass or Identity Center role that needs MFA and is reviewed.',
    snippet: {
      language: 'shell',
      code:
        '# Find who holds AdministratorAccess, then detach it from each one\n' +
        'aws iam list-entities-for-policy --policy-arn arn:aws:iam::aws:policy/AdministratorAccess\n' +
        'aws iam detach-user-policy --user-name alice --policy-arn arn:aws:iam::aws:policy/AdministratorAccess\n' +
        'aws iam detach-group-policy --group-name admins --policy-arn arn:aws:iam::aws:policy/AdministratorAccess\n' +
        'aws iam detach-role-policy --role-name app-backend --policy-arn arn:aws:iam::aws:policy/AdministratorAccess',
    },
  },
  effort: { baseHours: 4, perResourceHours: 3, maxHours: 24 },
  owner: 'Security engineer',
  evidence:
    'The IAM authorization details (or an access-analyzer report) at each quarter end of the window, and the ' +
    'approved justification for every principal that keeps administrator access.',
  evaluate(snapshot) {
    const iam = snapshot.iam;
    if (!iam) return unreadAuthorizationDetails(snapshot);
    return evaluateIam(iam);
  },
});
