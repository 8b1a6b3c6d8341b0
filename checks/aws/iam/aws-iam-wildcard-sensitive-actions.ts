import type { AwsIam, PolicyDocument } from '../../../source/model/aws-snapshot.js';
import type { CheckResult } from '../../../source/model/check.js';
import { defineAwsCheck } from '../../../source/model/check.js';
import {
  isServiceLinkedRolePath,
  isSsoReservedRolePath,
  unreadAuthorizationDetails,
} from '../../lib/aws-iam.js';
import { allowsAllExcept, grantsFullAdmin, sensitiveWildcards, statementsOf } from '../../lib/aws-policy.js';
import { fail, pass } from '../../lib/results.js';

interface PolicyUnderReview {
  resourceId: string;
  /** How the reason names it: `Policy deploy-all`, `Inline policy ci of role deployer`. */
  label: string;
  name: string;
  document: PolicyDocument;
}

function verdict(policy: PolicyUnderReview): CheckResult | undefined {
  // A policy granting `*` on `*` is reported by aws-iam-no-admin-policy, per principal; not twice.
  if (grantsFullAdmin(policy.document)) return undefined;
  const statements = statementsOf(policy.document);
  const wildcards = [...new Set(statements.flatMap(sensitiveWildcards))];
  const allExcept = statements.flatMap((statement) => {
    const except = allowsAllExcept(statement);
    return except ? [`every action except ${except.join(', ')}`] : [];
  });
  const broad = [...(wildcards.length > 0 ? [wildcards.join(', ')] : []), ...allExcept];
  const where = { resourceName: policy.name };
  return broad.length > 0
    ? fail(policy.resourceId, `${policy.label} allows ${broad.join('; ')} on every resource.`, where)
    : pass(
        policy.resourceId,
        `${policy.label} grants no wildcard on a sensitive service across all resources.`,
        where,
      );
}

/** Customer-managed policies in use, and every inline policy the customer wrote (not AWS's service-linked ones). */
function policiesUnderReview(iam: AwsIam): PolicyUnderReview[] {
  const managed = iam.policies
    .filter((p) => !p.awsManaged && p.attachmentCount > 0)
    .map((p) => ({
      resourceId: p.arn,
      label: `Policy ${p.policyName}`,
      name: p.policyName,
      document: p.document,
    }));

  const owners = [
    ...iam.users.map((u) => ({ kind: 'user', arn: u.arn, name: u.userName, inline: u.inlinePolicies })),
    ...iam.groups.map((g) => ({ kind: 'group', arn: g.arn, name: g.groupName, inline: g.inlinePolicies })),
    ...iam.roles
      .filter((r) => !isServiceLinkedRolePath(r.path))
      .map((r) => ({
        // Identity Center writes a permission set's inline policy onto its reserved role: fix it there.
        kind: isSsoReservedRolePath(r.path) ? 'Identity Center role' : 'role',
        arn: r.arn,
        name: r.roleName,
        inline: r.inlinePolicies,
      })),
  ];
  const inline = owners.flatMap((owner) =>
    owner.inline.map((p) => ({
      resourceId: `${owner.arn}#${p.name}`,
      label: `Inline policy ${p.name} of ${owner.kind} ${owner.name}`,
      name: `${owner.name}/${p.name}`,
      document: p.document,
    })),
  );
  return [...managed, ...inline];
}

export default defineAwsCheck({
  id: 'aws-iam-wildcard-sensitive-actions',
  service: 'iam',
  title: 'IAM policies do not grant wildcard actions on sensitive services',
  severity: 'high',
  criteria: ['CC6.1', 'CC6.3'],
  risk:
    'A wildcard such as iam:* or s3:* on every resource hands out far more than a job needs: the holder can ' +
    'create new credentials, read every bucket, stop the audit trail or delete keys, and nobody can show an ' +
    'auditor why each permission was granted.',
  remediation: {
    summary:
      'Rewrite each reported statement to list the actions the workload actually calls (IAM Access Analyzer ' +
      'can generate them from CloudTrail) and the resources it touches; replace NotAction grants with explicit lists.',
    snippet: {
      language: 'terraform',
      code:
        'data "aws_iam_policy_document" "app_uploads" {\n' +
        '  statement {\n' +
        '    effect    = "Allow"\n' +
        '    actions   = ["s3:GetObject", "s3:PutObject"]\n' +
        '    resources = ["arn:aws:s3:::example-uploads/*"]\n' +
        '  }\n' +
        '}\n\n' +
        'resource "aws_iam_policy" "app_uploads" {\n' +
        '  name   = "app-uploads"\n' +
        '  policy = data.aws_iam_policy_document.app_uploads.json\n' +
        '}',
    },
  },
  effort: { baseHours: 2, perResourceHours: 2, maxHours: 16 },
  owner: 'Security engineer',
  evidence:
    'Policy documents with their version history over the window, and the access-review record showing each ' +
    'broad grant was justified or removed.',
  evaluate(snapshot) {
    if (!snapshot.iam) return unreadAuthorizationDetails(snapshot);
    return policiesUnderReview(snapshot.iam).flatMap((policy) => verdict(policy) ?? []);
  },
});
